"""Writes the example consultations CSV as an Excel workbook the way a person would type it.

Usage: python3 make_openpyxl_fixture.py IN.csv OUT.xlsx

A merged title row above the header, dates as real dates (Excel serial numbers with a date
format), plain amounts, durations and lot counts as numbers, empty cells left empty, the rest as
text (openpyxl writes shared strings). Used by XlsxImportTests, at run time when openpyxl is
installed and once to make the committed fixture.
"""
import csv
import datetime
import re
import sys

import openpyxl

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="cp1252", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Feuille1"
ws.append(["Liste prévisionnelle des consultations"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
ws.append(rows[0])
header = rows[0]
for row in rows[1:]:
    out = []
    for name, value in zip(header, row):
        value = value.strip()
        if value == "":
            out.append(None)
        elif name.startswith("Date") and re.fullmatch(r"\d\d/\d\d/\d{4}", value):
            d, m, y = map(int, value.split("/"))
            out.append(datetime.datetime(y, m, d))
        elif name in ("Durée (mois)", "Lots") and value.isdigit():
            out.append(int(value))
        elif name.startswith("Montant") and re.fullmatch(r"[\d\u00a0\u202f ]+ ?€?", value):
            out.append(int(re.sub(r"\D", "", value)))
        else:
            out.append(value)
    ws.append(out)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "DD/MM/YYYY"
wb.save(target)
