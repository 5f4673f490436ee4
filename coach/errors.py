"""The one error family a user may see. The CLI prints each as a single line."""


class CoachError(Exception):
    """Something the user can fix; the message says what was wrong and what to do."""

    exit_code = 1


class NoInputDeviceError(CoachError):
    pass


class AudioFileError(CoachError):
    """A missing, unreadable, corrupt or empty audio file."""


class NoSpeechError(CoachError):
    """The recording holds no speech, so there is nothing to analyze."""


class QuestionBankError(CoachError):
    """A malformed question file; the message names the file and the line."""


class UnknownQuestionError(CoachError):
    pass


class ModelError(CoachError):
    """A model is missing, fails its integrity check, or will not load."""


class DeviceError(CoachError):
    """The audio device failed while playing or recording."""


class DiskFullError(CoachError):
    """A file could not be written; what was written before is kept."""


class ConfigError(CoachError):
    pass


class Interrupted(CoachError):
    """Ctrl-C; the message says where the audio recorded so far was kept."""

    exit_code = 130


class ResumeError(CoachError):
    """A resume file that cannot be read: wrong format, corrupt, locked, or without text."""
