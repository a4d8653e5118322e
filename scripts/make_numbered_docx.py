# Writes a small .docx whose headings 一、（一）1. come from automatic list numbering (numbering.xml),
# for scripts/make_doc_fixtures.sh: LibreOffice turns it into tests/fixtures/word97/numbered.doc.
import zipfile, sys
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text, num=None, lvl=0):
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ''
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
body = ''.join([
    p('关于加快发展电子商务的意见'),
    p('总体要求', 1, 0),
    p('指导思想。坚持以人民为中心。', 1, 1),
    p('发展目标。电子商务交易额显著增长。', 1, 1),
    p('主要任务', 1, 0),
    p('培育平台。', 1, 1),
    p('建设园区。', 1, 2),
    p('完善物流。', 1, 2),
    p('保障措施', 1, 0),
    p('加强组织领导。', 1, 1),
    p('广东省人民政府办公厅'),
    p('2012年12月25日'),
])
doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'
def lvl(i, fmt, text):
    return f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
numbering = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">' + \
    lvl(0, 'chineseCounting', '%1、') + lvl(1, 'chineseCounting', '（%2）') + lvl(2, 'decimal', '%3.') + \
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
ct = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>'
rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
drels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct); z.writestr('_rels/.rels', rels)
    z.writestr('word/document.xml', doc); z.writestr('word/numbering.xml', numbering); z.writestr('word/_rels/document.xml.rels', drels)
