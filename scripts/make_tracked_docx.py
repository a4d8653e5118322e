# Writes a small .docx with tracked changes (w:ins kept, w:del dropped by readers).
import zipfile, sys
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def run(t): return f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'
def dele(t, i): return f'<w:del w:id="{i}" w:author="审稿人" w:date="2024-01-02T00:00:00Z"><w:r><w:delText xml:space="preserve">{t}</w:delText></w:r></w:del>'
def ins(t, i): return f'<w:ins w:id="{i}" w:author="审稿人" w:date="2024-01-02T00:00:00Z">{run(t)}</w:ins>'
body = ''.join([
    f'<w:p>{run("关于加快发展电子商务的意见")}</w:p>',
    f'<w:p>{run("一、总体要求")}</w:p>',
    f'<w:p>{run("（一）指导思想。坚持")}{dele("市场主导、", 1)}{ins("以人民为中心、", 2)}{run("政府推动的原则。")}</w:p>',
    f'<w:p>{run("（二）发展目标。到")}{dele("2015", 3)}{ins("2017", 4)}{run("年，交易额显著增长。")}</w:p>',
])
doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'
ct = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct); z.writestr('_rels/.rels', rels); z.writestr('word/document.xml', doc)
