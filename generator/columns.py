"""The open-data vocabulary: the columns of each CSV table as its column sheet (컬럼 정의서)
describes them, in the form the national open-data portal asks for.

This is a published data dictionary, not interface text: a column's Korean name (항목명) is its
CSV header in every edition, and the sheet gives its English name (영문명) beside it, so that
the same files serve Korean and foreign users.  The titles name each download in the dataset
metadata.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataColumn:
    """One column of an open-data table, as the column sheet (컬럼 정의서) describes it."""

    name: str
    """항목명: the Korean header the CSV carries."""
    english: str
    """영문명."""
    description: str
    """설명."""
    kind: str
    """데이터타입: 문자, 정수 or 실수."""
    unit: str = ""
    """단위."""
    required: bool = True
    """필수여부."""


SHEET_HEADER = ("항목명", "영문명", "설명", "데이터타입", "단위", "필수여부")
"""The column sheet's own columns."""

_SECTION = (DataColumn("사업번호", "section_no", "세부추진계획에서 사업의 번호(①=1)", "정수"),
            DataColumn("사업ID", "section_id", "사업의 id(사이트 주소에 쓰임)", "문자"),
            DataColumn("사업명", "section", "사업의 제목", "문자"))

BUDGET_COLUMNS = _SECTION + (
    DataColumn("예산항목", "label", "예산을 적은 곳(사업예산, 세부사업 제목 등)", "문자"),
    DataColumn("재원", "source", "국비, 시비, 구비 … (재원을 적지 않은 예산은 미지정)", "문자"),
    DataColumn("금액_원", "won", "그 재원이 부담하는 금액", "정수", "원"),
    DataColumn("금액_천원", "thousand_won", "같은 금액(천원 단위, 원 단위가 남으면 소수)", "실수",
               "천원"),
    DataColumn("예산총액_원", "budget_won", "그 예산 전체의 금액", "정수", "원"))
"""One row per budget (each counted once, however often the plan restates it) and funding
source."""

SPLIT_COLUMNS = _SECTION + (
    DataColumn("예산항목", "label", "예산을 적은 곳", "문자"),
    DataColumn("재원", "source", "국비, 시비, 구비 …", "문자"),
    DataColumn("비율", "ratio", "계획에 적은 분담 비율(금액으로 적었으면 빈칸)", "실수", "%",
               False),
    DataColumn("금액_원", "amount_won", "계획에 적은 분담 금액(비율로 적었으면 빈칸)", "정수", "원",
               False),
    DataColumn("표기", "as_printed", "계획서에 인쇄된 재원 구성", "문자"))
"""The funding splits as the plan types them (ratios or amounts)."""

TARGET_COLUMNS = _SECTION + (
    DataColumn("목표", "label", "목표의 이름(연차별 목표 표의 행)", "문자"),
    DataColumn("연도", "year", "목표 연도", "정수"),
    DataColumn("목표값", "value", "그 해의 목표", "정수"),
    DataColumn("단위", "unit", "목표의 단위(명, 개 …)", "문자"))

SCHEDULE_COLUMNS = (
    DataColumn("단위업무", "unit", "주요업무 추진일정표의 단위업무", "문자"),
    DataColumn("사업명", "name", "추진일정표의 사업", "문자"),
    DataColumn("사업ID", "section_id", "그 사업을 계획한 세부추진계획의 id", "문자"),
    *(DataColumn(f"{m}월", f"m{m:02d}", f"{m}월에 추진하면 1, 아니면 0", "정수")
      for m in range(1, 13)))


TITLES = {"budgets": "예산(사업·재원별)", "splits": "재원 분담", "targets": "연차별 목표",
          "schedule": "주요업무 추진일정", "json": "계획 전체(JSON)", "pdf": "계획서(PDF)"}
"""What each download holds (the dataset metadata's names)."""
