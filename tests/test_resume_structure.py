"""Resume structure as real resumes write it: headings outside the word list, "Label :
value" header lines, dates with apostrophe years or "till date", "Category: a, b" skills
lines, and personal or declaration lines that are not achievements."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.resume.extract import DATE_RANGE, _date_range, extract
from coach.resume.model import Resume
from coach.resume.read import read_resume


def _resume(text: str, tmp_path: Path, nlp) -> Resume:  # type: ignore[no-untyped-def]
    path = tmp_path / "resume.txt"
    path.write_text(text, encoding="utf-8")
    return extract(read_resume(path), nlp.nlp)


def _summary(resume: Resume) -> list[tuple[str, str | None, str | None, int]]:
    return [(p.title, p.organization, p.dates, len(p.bullets)) for p in resume.projects]


# --- the three field cases ---


def test_field_case_working_experience_heading_and_category_skills(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "Sam Example\nDevOps Engineer\n\nTechnical Skills:\nCloud : AWS EC2, S3\nCI : Jenkins\n\n"
        "Working Experience:\nPlatform Engineer, Example Corp (2019 - 2023)\nRoles and Responsibilities:\n"
        "- Migrated 12 services from EC2 to Kubernetes, cutting deploy time from 40 to 10 minutes.\n"
        "- Built Jenkins pipelines for 30 repositories.\n"
        "- Good knowledge on configuring Ansible playbooks for patching.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("Platform Engineer", "Example Corp", "2019 – 2023", 3)]
    assert resume.roles == ("Platform Engineer",)
    assert {"AWS", "S3", "Jenkins"} <= set(resume.tools)


def test_field_case_label_value_headers(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "Experience\nProject : Billing Portal\nDuration : June 2019 to Till date\nRole : DevOps Engineer\n"
        "Roles and Responsibilities:\n- Built Jenkins pipelines for 30 repositories.\n"
        "- Wrote Ansible playbooks for 40 servers.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("DevOps Engineer", "Billing Portal", "June 2019 – present", 2)]
    assert resume.roles == ("DevOps Engineer",)


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_field_case_apostrophe_years(apostrophe: str, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    a = apostrophe
    resume = _resume(
        f"Experience\nCloud Engineer\nExample Software (Sept{a}17 to Feb{a}19)\n"
        "- Configured Auto Scaling for 20 EC2 instances.\n"
        f"Support Engineer\nExample Systems (Jun{a}15 to Aug{a}17)\n"
        "- Monitored 40 Linux servers with Nagios.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [
        ("Cloud Engineer", "Example Software", "Sept 2017 – Feb 2019", 1),
        ("Support Engineer", "Example Systems", "Jun 2015 – Aug 2017", 1),
    ]


# --- the kinds behind them ---


@pytest.mark.parametrize(
    "heading",
    ["PROJECT EXPERIENCE:", "Professional Experience", "Work History", "Employment Details",
     "EMPLOYMENT DETAILS", "Working Experience", "Career History:", "Experience Summary:"],
)  # fmt: skip
def test_experience_headings_by_shape_and_words(heading: str, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        f"Ana Example\nIT Skills\nLanguages: Python, Go\n{heading}\n"
        "Site Reliability Engineer | Acme Corp | 2020 - 2022\n"
        "- Cut alert noise by 60% with Prometheus rules.\n",
        tmp_path,
        nlp,
    )
    assert [(p.title, p.organization, len(p.bullets)) for p in resume.projects] == [
        ("Site Reliability Engineer", "Acme Corp", 1)
    ]
    assert {"Python", "Go"} <= set(resume.tools)


@pytest.mark.parametrize("heading", ["IT Skills", "TECHNICAL SKILLS:", "Key Skills:", "Skill Set"])
def test_skills_headings_and_category_lines_do_not_swallow_bullets(heading: str, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        f"{heading}\nCloud: AWS, GCP\nContainers : Docker, Kubernetes\nMonitoring: Grafana\n"
        "Work History\nDevOps Engineer, Example Ltd (Jan 2020 – Present)\n"
        "- Built Terraform modules for 12 teams.\n- Automated 30 releases a month with Jenkins.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("DevOps Engineer", "Example Ltd", "Jan 2020 – present", 2)]
    assert {"AWS", "GCP", "Docker", "Kubernetes", "Grafana"} <= set(resume.tools)


def test_title_case_job_title_is_not_taken_for_a_heading(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "Experience\nProject Engineer\nExample Works (2018 - 2020)\n- Built 3 CI pipelines.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("Project Engineer", "Example Works", "2018 – 2020", 1)]


def test_label_value_entries_with_client_designation_and_environment(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "PROFESSIONAL EXPERIENCE:\n"
        "Company: Example Infotech\nDesignation: Cloud Engineer\nPeriod: 09/2017 - 2019-03\n"
        "- Migrated 25 VMs to AWS.\n"
        "Client: Example Bank\nProject: Payments Gateway\nTitle: SRE\nDuration: Apr 2019 - current\n"
        "Environment: Terraform, Prometheus\n"
        "- Reduced paging by 40%.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [
        ("Cloud Engineer", "Example Infotech", "Sep 2017 – Mar 2019", 1),
        ("SRE", "Example Bank (Payments Gateway)", "Apr 2019 – present", 1),
    ]
    assert {"Terraform", "Prometheus"} <= set(resume.tools)
    assert all(not b.text.startswith("Environment") for _, b in resume.bullets())


def test_label_value_in_a_projects_section_names_the_project(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "PROJECTS\nProject Name: Log Pipeline\nClient: Example Retail\nRole: Developer\n"
        "- Shipped a Kafka pipeline handling 2 TB a day.\n",
        tmp_path,
        nlp,
    )
    assert [(p.title, p.organization, p.kind) for p in resume.projects] == [
        ("Log Pipeline", "Example Retail", "project")
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Sept'17 - Feb'19", "Sept 2017 – Feb 2019"),
        ("Sep ’17 to Mar ’18", "Sep 2017 – Mar 2018"),
        ("09/2017 - 03/2019", "Sep 2017 – Mar 2019"),
        ("2017-09 to 2018-01", "Sep 2017 – Jan 2018"),
        ("Jan 2020 – Present", "Jan 2020 – present"),
        ("June 2019 till date", "June 2019 – present"),
        ("March 2021 to date", "March 2021 – present"),
        ("2019 - current", "2019 – present"),
        ("May 2022 - now", "May 2022 – present"),
        ("2019 - 2023", "2019 – 2023"),
    ],
)
def test_date_forms(written: str, read: str) -> None:
    match = DATE_RANGE.search(f"Example Corp ({written})")
    assert match is not None
    assert _date_range(match.group(0)) == read


def test_personal_and_declaration_lines_are_not_bullets(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "Experience\nDevOps Engineer | Example Corp | 2019 - 2023\n"
        "- Automated 50 deployments a week with GitLab CI.\n"
        "I hereby declare that the above information is true to the best of my knowledge and belief.\n"
        "References available on request.\n"
        "Place: Pune\nDate:\n"
        "Declaration\n"
        "I confirm that all the details given above are correct and complete as of this date.\n"
        "(Sam Example)\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("DevOps Engineer", "Example Corp", "2019 – 2023", 1)]


def test_a_company_named_like_a_heading_stays_in_its_entry(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _resume(
        "Work Experience\nSystems Engineer\nExample Technologies\nJan 2018 - Dec 2020\n"
        "- Patched 200 servers a month with Ansible.\n",
        tmp_path,
        nlp,
    )
    assert _summary(resume) == [("Systems Engineer", "Example Technologies", "Jan 2018 – Dec 2020", 1)]
