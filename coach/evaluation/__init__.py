"""Measuring coach: word error rate and filler accuracy on real speech, and the
structure and STAR analyzers on labelled answers. Run through `scripts/eval`."""
