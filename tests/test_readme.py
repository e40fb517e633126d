"""The README and docs/: the README opens in Chinese for the office, its quick start and its
office month run as written on a copy of the shipped data, every docs/ page is linked from it,
and every command and option of the CLI is documented in the README or a page of docs/."""

import json
import re
import shlex
import shutil

import typer
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA, REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
# The README's runnable office month: one ```sh block under each of these headings.
FORMS_MONTH = "### 实例：六月的表，七月收回"
SPRING = "### 实例：一个春天的督办记录"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def documentation() -> str:
    """The README and every page of docs/, as one text."""
    pages = [README, *sorted(DOCS.glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def section(heading: str) -> str:
    """The README's text under `heading`, up to the next heading of any level."""
    after = readme().split(f"{heading}\n", 1)[1]
    return re.split(r"\n#{1,6} ", after, maxsplit=1)[0]


def block_lines(heading: str) -> list[list[str]]:
    """The commands of the first ```sh block under `heading`, as typed after `kexie`."""
    block = sh_blocks(section(heading))[0]
    lines = [line.split("  #")[0] for line in block.splitlines() if line.strip()]
    return [shlex.split(line)[1:] for line in lines]


def quick_start() -> list[list[str]]:
    block = next(b for b in sh_blocks(readme()) if b.startswith("kexie "))
    return [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.strip()]


def test_install_lines_come_first():
    lines = readme().splitlines()
    assert "pip install -e ." in lines[3] and "kexie report --due 2025.6" in lines[3]
    assert "pip install -e '.[test]'" in lines[4] and "pytest -q" in lines[4]


def test_quick_start_commands_run_as_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    commands = quick_start()
    assert [c[0] for c in commands] == ["check", "list", "report", "progress"]
    for args in commands:
        result = CliRunner().invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr == ""


def commands() -> dict[str, list[str]]:
    """Every command and subcommand of the CLI, as typed after `kexie`, with its options."""
    found: dict[str, list[str]] = {}

    def walk(command, name: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for sub_name, sub in subcommands.items():
                walk(sub, f"{name} {sub_name}".strip())
        else:
            found[name] = [o for p in command.params for o in (*p.opts, *p.secondary_opts)]

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_is_shown_in_a_shell_block():
    shown = "\n".join(sh_blocks(documentation()))
    missing = [name for name in commands() if not re.search(rf"kexie {name}\b", shown)]
    assert not missing, f"commands without an example in a ```sh block: {missing}"


def test_every_option_is_documented():
    text = documentation()
    missing = [
        f"{name} {option}"
        for name, options in commands().items()
        for option in options
        if option.startswith("--") and not re.search(rf"{option}(?![\w-])", text)
    ]
    assert not missing, f"options neither the README nor docs/ mentions: {missing}"


def examples() -> list[tuple[str, list[str]]]:
    """Every command line the README and docs/ show: the `kexie …` lines of their ```sh blocks
    and the `kexie …` spans of their text, as (page, words after `kexie`)."""
    found = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        lines = [line for block in sh_blocks(text) for line in block.splitlines()]
        lines += re.findall(r"`(kexie [^`]*)`", text)
        for line in lines:
            if line.startswith("kexie "):
                words = shlex.split(line.split("  #")[0])[1:]
                found.append((page.name, words[: words.index(">")] if ">" in words else words))
    return found


def test_every_example_names_a_command_and_its_options():
    """A command line in the README or docs/ types a command the CLI has, with its options."""
    known = commands()
    wrong = []
    for page, words in examples():
        if not re.fullmatch(r"[a-z]+", words[0]):
            continue  # the app itself or a placeholder: `kexie -h`, `kexie COMMAND -h`, `kexie …`
        names = [n for n in known if words[: len(n.split())] == n.split()]
        if not names:
            wrong.append(f"{page}: kexie {shlex.join(words)} (no such command)")
            continue
        options = {*known[max(names, key=len)], "-h", "--help"}
        typed = {w.split("=")[0] for w in words if w.startswith("-") and w != "-"}
        wrong += [f"{page}: kexie {shlex.join(words)} ({o}?)" for o in sorted(typed - options)]
    assert not wrong, "\n".join(wrong)


def test_the_office_month_runs_as_written_and_says_what_the_readme_says(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    runner = CliRunner()

    def run(args: list[str], *more: str) -> str:
        result = runner.invoke(app, [*args, *more, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def task_ids(args: list[str]) -> list[int]:
        return [t["id"] for t in json.loads(run(args, "--format", "json"))["tasks"]]

    walk = block_lines(SPRING)
    before, comment, extend, note, again, june, late, late_list, show = walk
    may = json.loads(run(before, "--format", "json"))
    assert [t["id"] for t in may["tasks"]] == [3, 6, 30, 32]
    for args in (comment, extend, note):
        run(args)
    # A report as of May 15 is what it was then: the extension is dated May 20.
    assert json.loads(run(again, "--format", "json")) == may
    assert task_ids(june) == [6, 30, 32]
    run(late)
    listed = json.loads(run(late_list, "--format", "json"))
    assert [(t["id"], t["completion_label"]) for t in listed] == [(30, "逾期完成")]
    shown = json.loads(run(show, "--format", "json"))
    assert [c["by"] for c in shown["comments"]] == ["陈汉平"]


def test_the_office_month_of_forms_runs_as_written(tmp_path, monkeypatch):
    """The README's forms month: June's forms, filled in here as the README says the
    departments did, come back in July and count at June 30."""
    import openpyxl

    make, bring, june, refuse, answered, known = block_lines(FORMS_MONTH)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(args: list[str], *more: str) -> str:
        result = runner.invoke(app, [*args, *more, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def tasks(args: list[str]) -> dict[int, dict]:
        return {t["id"]: t for t in json.loads(run(args, "--format", "json"))["tasks"]}

    run(make)
    for dept, day, rows in (
        ("学会部", "2025-07-03", {"3": {"累计完成": 60}}),
        (
            "组宣部",
            "2025-07-05",
            {
                "6": {"完成情况": "已完成", "完成日期": "2025-06-25"},
                "7.1": {"申请延期至": "2025.12", "延期理由": "评选推迟"},
            },
        ),
    ):
        path = tmp_path / "6月" / f"2025年6月_{dept}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book["填报表"]
        columns = {cell.value: cell.column_letter for cell in sheet[4]}
        sheet["I2"] = day
        for number in range(5, sheet.max_row + 1):
            for header, value in rows.get(str(sheet[f"A{number}"].value), {}).items():
                sheet[f"{columns[header]}{number}"] = value
        book.save(path)
    run(bring)
    found = tasks(june)
    assert found[3]["targets"][0]["done"] == 60
    assert found[6]["completion_label"] == "按期完成"
    assert [r["answer_label"] for r in found[7]["requests"]] == ["待审批"]
    run(refuse)
    assert [r["answer_label"] for r in tasks(answered)[7]["requests"]] == ["未同意"]
    before = tasks(known)
    assert before[3]["targets"][0]["done"] == 60 and before[6]["status"] == "overdue"


def linked_pages() -> set[str]:
    """The docs/ pages the README links to, as paths relative to the repository."""
    return set(re.findall(r"\]\((docs/[^)#\s]+)", readme()))


def test_every_page_the_readme_links_to_exists_and_every_docs_page_is_linked():
    linked = linked_pages()
    assert linked, "the README links to no page of docs/"
    missing = sorted(page for page in linked if not (REPO / page).is_file())
    assert not missing, f"the README links to pages that do not exist: {missing}"
    pages = {f"docs/{page.name}" for page in DOCS.glob("*.md")}
    assert not pages - linked, f"docs/ pages the README does not link: {sorted(pages - linked)}"


def test_links_between_pages_lead_to_files():
    """Every relative link in README.md and docs/ names a file of the repository."""
    broken = []
    for page in [README, *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(REPO)} → {target}")
    assert not broken, f"links to nothing: {broken}"


def cjk_and_latin(text: str) -> tuple[int, int]:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk, latin


def test_the_readme_first_screen_is_chinese():
    """What an office worker reads first, after the two install lines, is Chinese."""
    first_screen = "\n".join(readme().splitlines()[6:46])
    cjk, latin = cjk_and_latin(first_screen)
    assert cjk > latin, f"{cjk} Chinese characters to {latin} Latin letters"


def test_the_readme_first_screen_check_counts_what_it_says():
    assert cjk_and_latin("科协 kexie 督办 ok") == (4, 7)
    assert cjk_and_latin("（截至2025年6月30日）") == (5, 0)


def agrees(shown, actual) -> bool:
    """`shown` is `actual` abridged: `"…"` stands for the keys and items left out."""
    if isinstance(shown, dict):
        keys = [k for k in shown if k != "…"]
        exact = "…" not in shown
        if exact and list(actual) != keys:
            return False
        return all(k in actual and agrees(shown[k], actual[k]) for k in keys)
    if isinstance(shown, list):
        items = [item for item in shown if item != "…"]
        if "…" not in shown and len(items) != len(actual):
            return False
        return len(items) <= len(actual) and all(map(agrees, items, actual))
    return shown == actual


def test_the_json_page_example_is_what_the_report_prints():
    text = (DOCS / "json.md").read_text(encoding="utf-8")
    found = re.search(r"`kexie ([^`]+)` on the shipped data.*?```json\n(.*?)```", text, flags=re.S)
    assert found is not None, "docs/json.md shows no report example"
    command, example = found.groups()
    result = CliRunner().invoke(app, [*shlex.split(command), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert agrees(json.loads(example), json.loads(result.stdout))
    assert not agrees({"summary": {"tasks": 5, "…": "…"}}, json.loads(result.stdout))


def test_the_red_tasks_notices_run_as_written(tmp_path, monkeypatch):
    """The README's 督办通知单 example on the shipped data: the tasks at 红色 and 橙色, two
    notices drafted (the second's 文号 goes on from the first's), recorded on their tasks."""
    import docx

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(args: list[str], *more: str) -> str:
        result = runner.invoke(app, [*args, *more, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    red, orange, first, second, show = block_lines("实例：红色预警和督办通知单")
    assert [t["id"] for t in json.loads(run(red, "--format", "json"))] == [3, 6, 30, 32]
    assert [t["id"] for t in json.loads(run(orange, "--format", "json"))] == [5, 11, 21, 36]
    run(first)
    run(second)
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "任务6督办通知单.docx")).paragraphs]
    assert paragraphs[:2] == ["督办通知单", "黄科协督〔2025〕2号"]
    assert "组宣部：" in paragraphs
    notices = [
        h for h in json.loads(run(show, "--format", "json"))["history"] if h["kind"] == "notice"
    ]
    assert [(h["number"], h["due_after"]) for h in notices] == [("黄科协督〔2025〕2号", "2025-08")]
