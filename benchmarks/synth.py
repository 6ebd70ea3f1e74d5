"""Synthetic plans for benchmarks only: ``python benchmarks/synth.py OUT --plans 100``.

Writes OUT/<id>/ plan folders that pass ``plansite validate``, varied in size and content (not
copies): each plan belongs to one team of a made-up district (bureaus → divisions → teams), one
of several years, with 2–14 sections, each with an overview (period, budget with a funding
split, a count), a budget table whose rows add up to the budget, a schedule inside the period,
sometimes a targets table over years, bullets and organisations.  Every figure is drawn so that
the arithmetic checks pass; the texts are composed from word lists, so no two plans read alike.
The same arguments give the same bytes (a seeded ``random.Random``).

Not content: nothing here is shipped or built by ``make``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

BUREAUS = ["기획경제국", "복지문화국", "도시환경국", "안전건설국", "행정지원국"]
DIVISIONS = ["일자리경제과", "사회복지과", "문화체육과", "환경과", "교통행정과", "건축과",
             "자치행정과", "기획예산과", "여성가족과", "보건정책과", "공원녹지과", "세무과"]
TEAMS = ["일자리운영팀", "청년정책팀", "노인복지팀", "생활체육팀", "자원순환팀", "주차관리팀",
         "주택정비팀", "마을자치팀", "예산팀", "보육지원팀", "건강증진팀", "녹지관리팀",
         "세무조사팀", "문화예술팀", "기후대응팀", "도로관리팀"]
TOPICS = ["청년", "어르신", "소상공인", "마을", "자원순환", "생활체육", "문화예술", "보육", "주차",
          "녹지", "건강", "안전", "주거", "교통", "관광", "사회적경제", "디지털", "평생학습"]
ACTIONS = ["지원", "육성", "활성화", "운영", "확대", "개선", "조성", "교육", "홍보", "점검"]
THINGS = ["사업", "프로그램", "센터", "네트워크", "협의체", "아카데미", "박람회", "캠페인", "축제"]
ITEMS = ["인건비", "운영비", "교육비", "홍보비", "시설비", "행사비", "재료비", "위탁비", "여비"]
PLACES = ["구청 대강당", "주민센터", "복합문화센터", "체육관", "도서관", "광장", "공원"]
BODIES = ["사회적경제지원센터", "일자리센터", "자원봉사센터", "평생학습관", "청소년센터",
          "복지관", "상공회", "주민자치회"]
SOURCES = [("구비",), ("시비", "구비"), ("국비", "시비", "구비"), ("국비", "구비")]


def _title(rng: random.Random) -> str:
    return f"{rng.choice(TOPICS)} {rng.choice(TOPICS)} {rng.choice(ACTIONS)} {rng.choice(THINGS)}"


def _split(rng: random.Random, total: int) -> dict[str, int]:
    """Amounts in 천원 by source that add up to total (each a multiple of 1,000천원)."""
    sources = rng.choice(SOURCES)
    units = total // 1000
    cuts = sorted(rng.sample(range(1, units), len(sources) - 1)) if len(sources) > 1 else []
    bounds = [0, *cuts, units]
    return {s: (bounds[i + 1] - bounds[i]) * 1000 for i, s in enumerate(sources)}


def _parts_of(rng: random.Random, total: int, n: int) -> list[int]:
    units = total // 100
    cuts = sorted(rng.sample(range(1, units), n - 1))
    bounds = [0, *cuts, units]
    return [(bounds[i + 1] - bounds[i]) * 100 for i in range(n)]


def _n(value: int) -> str:
    return f"{value:,}"


def section_yaml(rng: random.Random, index: int, year: int) -> tuple[str, str, str, list[int]]:
    """(section id, title, YAML, months it runs) of one section."""
    sid = f"s{index:02d}"
    title = _title(rng)
    start = rng.randint(1, 6)
    end = rng.randint(max(start + 1, 7), 12)
    budget = rng.randint(5, 400) * 1000  # 천원
    split = _split(rng, budget)
    funding = ", ".join(f"{s}: \"{_n(v)}천원\"" for s, v in split.items())
    printed = ", ".join(f"{s} {_n(v)}천원" for s, v in split.items())
    people = rng.randint(10, 900)
    lines = [
        f"id: {sid}",
        f"title: {title}",
        "parts:",
        "  - title: 사업개요",
        "    blocks:",
        "      - type: overview",
        "        marker: \"-\"",
        "        items:",
        f"          - key: 추진근거",
        f"            value: {rng.choice(TOPICS)} {rng.choice(ACTIONS)} 조례 제{rng.randint(2, 30)}조",
        f"          - key: 사업기간",
        f"            value: {year}. {start}. ~ {end}.",
        f"            period: {year}-{start:02d}..{year}-{end:02d}",
        f"          - key: 사업대상",
        f"            value: {rng.choice(TOPICS)} 주민 {_n(people)}명",
        f"            count: {_n(people)}명",
        f"          - key: 사업예산",
        f"            value: {_n(budget)}천원({printed})",
        f"            budget: {{amount: \"{_n(budget)}천원\", funding: {{{funding}}}}}",
    ]
    rows = rng.randint(2, 12)
    amounts = _parts_of(rng, budget, rows)
    items = rng.sample(ITEMS * 2, rows)
    lines += [
        "  - title: 사업예산",
        f"    value: {_n(budget)}천원",
        f"    budget: {{amount: \"{_n(budget)}천원\", funding: {{{funding}}}}}",
        "    blocks:",
        "      - type: table",
        f"        caption: {title} 예산",
        "        unit: 천원",
        "        columns:",
        "          - {key: 구분, label: 구 분, role: label}",
        "          - {key: 금액, label: 금 액, type: number}",
        "          - {key: 내역, label: 산출 내역}",
        "        rows:",
        f"          - {{total: true, cells: {{구분: 계, 금액: \"{_n(budget)}\"}}}}",
    ]
    for i, (item, amount) in enumerate(zip(items, amounts)):
        lines.append(f"          - {{구분: \"{item} {i + 1}\", 금액: \"{_n(amount)}\", "
                     f"내역: {rng.choice(PLACES)} {rng.randint(1, 40)}회}}")
    lines += ["  - title: 추진계획", "    blocks:", "      - type: bullets", "        items:"]
    for _ in range(rng.randint(2, 8)):
        lines.append(f"          - text: {_title(rng)}")
        lines.append("            children:")
        for _ in range(rng.randint(1, 4)):
            lines.append(f"              - {rng.choice(PLACES)}에서 {rng.choice(TOPICS)} "
                         f"{rng.choice(ACTIONS)}")
    if rng.random() < 0.4:
        lines += ["      - type: organisations", "        items:"]
        for body in rng.sample(BODIES, rng.randint(1, 3)):
            lines.append(f"          - {{name: {body}, role: {rng.choice(['위탁기관', '협력기관', '주관'])}}}")
    if rng.random() < 0.3:
        years = {year - 1: rng.randint(10, 300), year: rng.randint(10, 300)}
        lines += ["      - type: targets", f"        caption: {title} 연차별 목표",
                  f"        label: {title}", "        unit: 명",
                  f"        total: {sum(years.values())}", "        years:"]
        lines += [f"          \"{y}\": {v}" for y, v in years.items()]
    lines += ["  - title: 추진일정", "    blocks:", "      - type: schedule", "        items:"]
    months = sorted(rng.sample(range(start, end + 1), rng.randint(1, end - start + 1)))
    for m in months:
        lines.append(f"          - {{text: {rng.choice(TOPICS)} {rng.choice(ACTIONS)}, "
                     f"when: {year}-{m:02d}}}")
    return sid, title, "\n".join(lines) + "\n", list(range(start, end + 1))


def plan_files(rng: random.Random, plan_id: str, year: int, bureau: str, division: str,
               team: str) -> dict[str, str]:
    sections = [section_yaml(rng, i + 1, year) for i in range(rng.randint(2, 14))]
    rows = "\n".join(f"        - {{name: {title}, section: {sid}, months: \"{m[0]}-{m[-1]}\"}}"
                     for sid, title, _, m in sections)
    plan = f"""id: {plan_id}
year: {year}
header:
  document_number: {division}-{rng.randint(100, 9999)}
  approved_on: {year}-01-{rng.randint(5, 28):02d}
  disclosure: 대시민공개
office:
  authority: 가상시 시험구
  bureau: {bureau}
  division: {division}
  team: {team}
approval:
  - {{role: 주무관, name: 김{rng.choice("가나다라마바사")}{rng.choice("영수민지현")}}}
  - {{role: {team}장, name: 이{rng.choice("가나다라마바사")}{rng.choice("영수민지현")}}}
  - {{role: {division}장, name: 박{rng.choice("가나다라마바사")}{rng.choice("영수민지현")}}}
title: {year}년 {team} 연간업무 추진계획
vision: {rng.choice(TOPICS)} {rng.choice(ACTIONS)}로 살기 좋은 시험구
goals:
  - {_title(rng)}
  - {_title(rng)}
summary_schedule:
  title: {year} 주요업무 추진일정표
  groups:
    - unit: {rng.choice(TOPICS)} {rng.choice(ACTIONS)}
      rows:
{rows}
"""
    files = {"plan.yaml": plan}
    for i, (sid, _, text, _) in enumerate(sections):
        files[f"sections/{i + 1:02d}-{sid}.yaml"] = text
    return files


def write_plans(out: Path, count: int, seed: int = 2016) -> list[Path]:
    """Write ``count`` plans under ``out``; returns their folders."""
    rng = random.Random(seed)
    folders = []
    teams = [(BUREAUS[i % len(BUREAUS)], DIVISIONS[i % len(DIVISIONS)], TEAMS[i % len(TEAMS)],
              i) for i in range(max(1, -(-count // 3)))]
    for n in range(count):
        bureau, division, team, t = teams[n % len(teams)]
        year = 2024 + (n // len(teams)) % 4
        plan_id = f"team{t:03d}-{year}"
        folder = out / plan_id
        for name, text in plan_files(rng, plan_id, year, bureau, division, team).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--plans", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2016)
    args = ap.parse_args()
    folders = write_plans(args.out, args.plans, args.seed)
    print(f"{len(folders)} plans in {args.out}")


if __name__ == "__main__":
    main()
