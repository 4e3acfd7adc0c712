#!/usr/bin/env python3
"""Makes the two-column newspaper-style PDF fixtures (needs `pip install reportlab`; run from any directory).

- columns.pdf: report-portion.txt laid out like a newspaper page: a headline spanning both columns, two blocks of
  two columns separated by a full-width caption, an editor line and a page number at the foot.
  columns.expected.txt is the reading order the repaired text must have (its lines of text, blank lines aside).
- zhangjiagang-2024.pdf: the seed report (../../../../shared/fixtures/reports/zhangjiagang-2024.txt, or the path
  given as first argument) laid out the same way: a boxed headline over both columns, the text flowing down the left
  column then the right column of each block, lines too wide for a column (the caption strip) across the page, the
  seed's editor and date lines at the foot.

Each block's lines are split in half: the first half fills the left column, the second half the right column, row
by row at the same heights, which is what makes `pdftotext -layout` print both columns on one line.
"""
import os, sys
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.lib.pagesizes import A4

here = os.path.dirname(os.path.abspath(__file__))
pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
FONT, SIZE, LEADING = 'STSong-Light', 9.5, 13
LEFT_X, RIGHT_X, COLUMN_CHARS = 45, 315, 26
TOP, BOTTOM = 760, 70


class Page:
    def __init__(self, path):
        self.c = canvas.Canvas(path, pagesize=A4, invariant=1)
        self.y = TOP
        self.order = []  # lines of text in reading order

    def headline(self, text, boxed):
        self.c.setFont(FONT, 18)
        self.c.drawCentredString(297, self.y + 20, text)
        if boxed:
            self.c.rect(60, self.y + 12, 475, 30)
        self.order.append(text)
        self.y -= 20

    def wide(self, text):
        if self.y < BOTTOM + LEADING:
            self.new_page()
        self.c.setFont(FONT, 7.5)
        self.c.drawString(LEFT_X, self.y, text)
        self.order.append(text)
        self.y -= LEADING + 4

    def block(self, lines):
        while lines:
            rows = min((self.y - BOTTOM) // LEADING, (len(lines) + 1) // 2)
            if rows <= 0:
                self.new_page()
                continue
            left, right = lines[:rows], lines[rows:2 * rows]
            self.c.setFont(FONT, SIZE)
            for i, line in enumerate(left):
                self.c.drawString(LEFT_X, self.y - i * LEADING, line)
            for i, line in enumerate(right):
                self.c.drawString(RIGHT_X, self.y - i * LEADING, line)
            self.order += [l for l in left + right if l]
            self.y -= rows * LEADING + 8
            lines = lines[2 * rows:]

    def foot(self, lines):
        self.c.setFont(FONT, 7.5)
        for i, line in enumerate(lines):
            self.c.drawString(LEFT_X, 50 - i * 10, line)

    def new_page(self):
        self.c.showPage()
        self.y = TOP

    def save(self):
        self.c.showPage()
        self.c.save()


def layout(path, lines, headline, boxed, foot):
    page = Page(path)
    page.headline(headline, boxed)
    block = []
    for line in lines:
        if len(line) > COLUMN_CHARS:
            page.block(block)
            block = []
            page.wide(line)
        else:
            block.append(line)
    page.block(block)
    page.foot(foot)
    page.save()
    return page.order


portion = open(os.path.join(here, 'report-portion.txt'), encoding='utf-8').read().rstrip('\n').split('\n')
# A caption across both columns between two blocks of columns.
caption = '图为全市科技创新工作推进会现场，与会企业代表交流成果转化经验（记者 摄）'
lines = portion[:31] + [caption] + portion[31:]  # at a paragraph end
order = layout(os.path.join(here, 'columns.pdf'), lines, '市科技局：奋力推动科技创新和产业创新融合发展', False,
               ['编辑：甲 美编：乙 校对：丙' + ' ' * 40 + '3'])
open(os.path.join(here, 'columns.expected.txt'), 'w', encoding='utf-8').write('\n'.join(order) + '\n')

seed = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '../../../../shared/fixtures/reports/zhangjiagang-2024.txt')
seed_lines = open(seed, encoding='utf-8').read().rstrip('\n').split('\n')
furniture = [l for l in seed_lines if '编辑' in l or l.startswith('星期')]
body = [l for l in seed_lines if l not in furniture]
layout(os.path.join(here, 'zhangjiagang-2024.pdf'), body, '科技创新 向新而行', True, furniture)
