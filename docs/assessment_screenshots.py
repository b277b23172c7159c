"""The assessment's images in docs/, from what the tests leave in their
screenshot directory (the browser test's screens, the report test's PDFs):

    PARTY_SCREENSHOT_DIR=/tmp/shots bash scripts/test.sh \\
        -k "assessment_report or assessment_browser"
    python3 docs/assessment_screenshots.py /tmp/shots

The PDFs' first pages are drawn at 80 dpi with pdftoppm (poppler-utils).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCREENS = ['assessment_self_line.png', 'assessment_review_line.png',
           'assessment_print.png']
PAGES = [('scorecard.pdf', 'scorecard_page1.png'),
         ('summary.pdf', 'campaign_summary_page1.png')]


def first_page(pdf, png):
    work = tempfile.mkdtemp()
    try:
        subprocess.check_call(['pdftoppm', '-png', '-r', '80', '-f', '1',
                               '-l', '1', pdf, os.path.join(work, 'page')])
        (drawn,) = os.listdir(work)
        shutil.copy(os.path.join(work, drawn), png)
    finally:
        shutil.rmtree(work)


def main(directory):
    for name in SCREENS:
        shutil.copy(os.path.join(directory, name), os.path.join(HERE, name))
        print('saved', name)
    for pdf, png in PAGES:
        first_page(os.path.join(directory, pdf), os.path.join(HERE, png))
        print('saved', png)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        tempfile.gettempdir(), 'party_building_screenshots'))
