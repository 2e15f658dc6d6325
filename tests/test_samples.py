"""The sample data: each defective submission reports its defects, the clean one nothing."""


from .conftest import SAMPLES, lint


def rules_of(name):
    return {(f.rule, f.line) for f in lint([SAMPLES / name]).findings}


def test_clean_submission_has_no_findings():
    assert lint([SAMPLES / "clean-province-2025.csv"]).findings == []


def test_binh_phuoc_csv():
    got = rules_of("binh-phuoc-2025.csv")
    # row 5 (health insurance 95 then 90) is a milestone regression below the national target,
    # not a typo: the 2025 value is no evidence that "90" was meant as "95"
    assert {("Y001", 2), ("B001", 5), ("P001", 6), ("B001", 6), ("Y001", 7), ("U003", 9), ("T002", 10), ("T003", 11),
            ("B002", 12), ("N001", 13), ("X001", 14), ("U002", 15), ("T001", 16)} <= got


def test_quang_tri_xlsx():
    got = rules_of("quang-tri-2025.xlsx")
    # "> 975" has several readings ("> 95", "> 97", "> 97,5") and no body to choose: no suggestion
    assert {("Y002", 5), ("Y002", 7), ("Y001", 9), ("Y001", 10), ("X003", 11)} <= got
    assert ("Y001", 5) not in got and ("Y001", 6) not in rules_of("binh-phuoc-2025.csv")


def test_samples_are_regenerated_identically(tmp_path):
    """The committed text samples are what make_samples.py writes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (SAMPLES / "ha-giang-plan.txt").read_text(encoding="utf-8") == mod.plan_text("txt")
    assert (SAMPLES / "ha-giang-plan.md").read_text(encoding="utf-8") == mod.plan_text("md")
