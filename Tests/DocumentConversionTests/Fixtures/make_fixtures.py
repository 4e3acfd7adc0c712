#!/usr/bin/env python3
"""Regenerates the conversion fixtures from report-portion.txt (a copy of the first 60 lines of the seed report).

Needs `pip install reportlab python-docx`. Every line of the text becomes one PDF line / DOCX paragraph / HTML <p>,
so the converted text must yield exactly the figures of the plain text; the DOCX and HTML also carry one table
(TABLE below) whose cells become lines "row header column header value".
"""
import os, sys
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.lib.pagesizes import A4
import docx

here = os.path.dirname(os.path.abspath(__file__))
lines = open(os.path.join(here, 'report-portion.txt'), encoding='utf-8').read().rstrip('\n').split('\n')
TABLE = [['指标', '2023年', '2024年'], ['高新技术企业', '520家', '600家'], ['有效发明专利', '6400件', '7180件']]

pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))

def pdf(path, text_lines, encrypt=None):
    c = canvas.Canvas(path, pagesize=A4, invariant=1, encrypt=encrypt)
    y = 800
    for line in text_lines:
        if y < 50:
            c.showPage(); y = 800
        c.setFont('STSong-Light', 11)
        c.drawString(50, y, line)
        y -= 16
    c.showPage(); c.save()

pdf(os.path.join(here, 'report.pdf'), lines)
pdf(os.path.join(here, 'encrypted.pdf'), lines[:5], encrypt='secret')
# A "scanned" page: only drawings, no text layer.
c = canvas.Canvas(os.path.join(here, 'scanned.pdf'), pagesize=A4, invariant=1)
for i in range(20):
    c.rect(50, 780 - i * 30, 400, 20, fill=1)
c.showPage(); c.save()
# A corrupt PDF: the first 600 bytes of a real one.
open(os.path.join(here, 'corrupt.pdf'), 'wb').write(open(os.path.join(here, 'report.pdf'), 'rb').read()[:600])

d = docx.Document()
for line in lines:
    d.add_paragraph(line)
t = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
for r, row in enumerate(TABLE):
    for k, cell in enumerate(row):
        t.cell(r, k).text = cell
import datetime; d.core_properties.created = datetime.datetime(2025, 1, 1)
d.save(os.path.join(here, 'report.docx'))

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('“', '&ldquo;').replace('”', '&#x201D;')
html = ['\ufeff<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8"><title>科技局</title>',
        '<style>p { margin: 0 }</style><script>var n = "高新技术企业999家";</script></head><body>',
        '<nav><a href="/">首页</a> &gt; <a href="/kj">科技动态</a> 共建88家</nav>', '<article>']
html += ['<p>%s</p>' % esc(l) if l else '<p>&nbsp;</p>' for l in lines]
html.append('<table><thead><tr>%s</tr></thead><tbody>' % ''.join('<th>%s</th>' % c for c in TABLE[0]))
html += ['<tr>%s</tr>' % ''.join('<td>%s</td>' % c for c in row) for row in TABLE[1:]]
html += ['</tbody></table>', '</article>', '<footer>版权所有 电话 0512-58679999</footer></body></html>']
open(os.path.join(here, 'report.html'), 'w', encoding='utf-8').write('\n'.join(html) + '\n')
