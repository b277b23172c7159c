"""The addon's PDF documents with Debian's wkhtmltopdf, built on an
unpatched Qt:

- it takes one input document only, and Odoo gives it one per record:
  printing several records made an empty PDF. The records' bodies are
  joined into one document, each starting on a new page.
- the Noto CJK fonts draw a radical and the ideograph it looks like with
  one glyph (⽀ U+2F40 and 支 U+652F); Qt names each glyph in the PDF's
  text map by the lowest code point drawn with it, so the PDF is printed
  right but reads "党⽀部": a search for 支部 finds nothing. The map names
  the ideographs again; it is rewritten in place, code for code of the
  same size, so nothing else in the file moves."""
import re
import unicodedata

from odoo import api, models

# Radicals supplement -> ideograph (the Kangxi radicals have a
# compatibility decomposition: NFKC gives theirs).
SUPPLEMENT = {
    0x2EA0: 0x6C11, 0x2EA9: 0x738B, 0x2EAC: 0x793A, 0x2EC1: 0x864E,
    0x2EC4: 0x897F, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC9: 0x8D1D,
    0x2ECB: 0x8F66, 0x2ED1: 0x9577, 0x2ED3: 0x957F, 0x2ED4: 0x95E8,
    0x2ED8: 0x9752, 0x2ED9: 0x97E6, 0x2EDA: 0x9875, 0x2EDB: 0x98CE,
    0x2EDC: 0x98DE, 0x2EDD: 0x98DF, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8,
    0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE7: 0x5364,
    0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EEA: 0x9EFE, 0x2EEB: 0x6589,
    0x2EEC: 0x9F50, 0x2EED: 0x6B6F, 0x2EEE: 0x9F7F, 0x2EEF: 0x7ADC,
    0x2EF0: 0x9F99, 0x2EF1: 0x9F9C, 0x2EF2: 0x4E80,
}
TO_UNICODE = re.compile(br'/ToUnicode (\d+) 0 R')
CODE = re.compile(br'<([0-9A-Fa-f]{4})>')
ARRAY = re.compile(br'\[[^\]]*\]')
SECTION = re.compile(
    br'begin(bfchar|bfrange)(.*?)end(?:bfchar|bfrange)', re.S)
BODY = re.compile(br'(<body[^>]*>)(.*)(</body>)', re.S)
PAGE_BREAK = b'<div style="page-break-before: always;"></div>'


def join_bodies(bodies):
    """One HTML document of the documents `bodies` (the same page around
    each record's article, as Odoo's minimal layout makes them), each
    record from a new page."""
    contents = []
    for body in bodies:
        if isinstance(body, str):
            body = body.encode('utf-8')
        found = BODY.search(body)
        if not found:
            return None
        contents.append(found.group(2))
    first = bodies[0] if isinstance(bodies[0], bytes) \
        else bodies[0].encode('utf-8')
    found = BODY.search(first)
    return first[:found.start(2)] + PAGE_BREAK.join(contents) \
        + first[found.end(2):]


def ideograph(code):
    """The ideograph a radical code point stands for, else `code`."""
    if not 0x2E80 <= code <= 0x2FDF:
        return code
    if code in SUPPLEMENT:
        return SUPPLEMENT[code]
    unified = unicodedata.normalize('NFKC', chr(code))
    if len(unified) == 1 and ord(unified) <= 0xFFFF:
        return ord(unified)
    return code


def _unified_code(match):
    return b'<%04X>' % ideograph(int(match.group(1), 16))


def _unified_section(match):
    kind, body = match.group(1), match.group(2)
    lines = []
    for line in body.split(b'\n'):
        codes = CODE.findall(line)
        if b'[' in line:
            # <first> <last> [<unicode> ...]: the array is all targets
            line = ARRAY.sub(
                lambda array: CODE.sub(_unified_code, array.group(0)), line)
        elif kind == b'bfchar' and len(codes) == 2 \
                or kind == b'bfrange' and len(codes) == 3 \
                and codes[0] == codes[1]:
            # one glyph, one target: the last code of the line
            head, _sep, target = line.rpartition(b'<')
            line = head + CODE.sub(_unified_code, b'<' + target)
        lines.append(line)
    return b'begin' + kind + b'\n'.join(lines) + b'end' + kind


def unify_radicals(pdf):
    """`pdf` (bytes) with the radicals of its text maps named as the
    ideographs; streams left as they are when compressed or sized
    indirectly."""
    for number in set(TO_UNICODE.findall(pdf)):
        # the object's own dictionary: never past its end
        header = re.search(
            br'(?:^|[\r\n])' + number
            + br' 0 obj\s*<<((?:(?!endobj|stream).)*?)>>\s*stream\r?\n',
            pdf, re.S)
        if not header or b'/Filter' in header.group(1):
            continue
        size = re.search(br'/Length (\d+)\s*(?:/|$)', header.group(1))
        if not size:
            continue
        start = header.end()
        end = start + int(size.group(1))
        cmap = pdf[start:end]
        unified = SECTION.sub(_unified_section, cmap)
        if len(unified) == len(cmap):
            pdf = pdf[:start] + unified + pdf[end:]
    return pdf


class IrActionsReport(models.Model):
    _inherit = 'ir.actions.report'

    @api.model
    def _run_wkhtmltopdf(self, bodies, header=None, footer=None,
                         landscape=False, specific_paperformat_args=None,
                         set_viewport_size=False):
        ours = (self.report_name or '').startswith('party_building.')
        if ours and len(bodies) > 1:
            joined = join_bodies(bodies)
            if joined:
                bodies = [joined]
        pdf = super(IrActionsReport, self)._run_wkhtmltopdf(
            bodies, header=header, footer=footer, landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size)
        if ours:
            pdf = unify_radicals(pdf)
        return pdf
