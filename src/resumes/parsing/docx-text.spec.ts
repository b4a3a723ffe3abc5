import {
  buildDocx,
  buildDocxFromBody,
  buildLyingZipBomb,
  buildManyEntryDocx,
  buildZip,
  buildZipBomb,
  paragraphXml,
} from '../../../test/fixtures/resumes/generate-fixtures';
import { DEFAULT_DOCX_LIMITS, extractDocxText } from './docx-text';
import { ResumeParseError } from './resume-parse.error';
import { decodeXmlEntities } from './word-xml-text';

function errorOf(run: () => unknown): ResumeParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ResumeParseError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ResumeParseError');
}

describe(extractDocxText.name, () => {
  it('reads paragraphs as lines and keeps tabs between a title and its dates', () => {
    const docx = buildDocx([
      'Ada Lovelace',
      'Senior Engineer\tJan 2019 – Present',
      'Skills: Python & R',
    ]);
    expect(extractDocxText(docx)).toBe(
      'Ada Lovelace\nSenior Engineer\tJan 2019 – Present\nSkills: Python & R',
    );
  });

  it('handles breaks, entities, tab stops and hyphens the way Word shows them', () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>' +
      '<w:r><w:t>R&amp;D &lt;lead&gt; &#8211; caf&#xE9;</w:t></w:r><w:r><w:br/><w:t>second</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t></w:r></w:p><w:p/>';
    expect(extractDocxText(buildDocxFromBody(body))).toBe('R&D <lead> – café\nsecond\ne-mail');
  });

  it('skips deleted revisions, field codes and the legacy copy of text boxes', () => {
    const body =
      '<w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>removed</w:delText></w:r></w:del>' +
      '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r></w:p>' +
      '<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>' +
      paragraphXml('In the box') +
      '</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>' +
      paragraphXml('In the box') +
      '</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>';
    expect(extractDocxText(buildDocxFromBody(body))).toBe('kept\nIn the box');
  });

  it('reads a row of one-line cells as one line and a layout table column by column', () => {
    const cell = (...paragraphs: string[]): string =>
      `<w:tc>${paragraphs.map(paragraphXml).join('')}</w:tc>`;
    const body =
      `<w:tbl><w:tr>${cell('Data Engineer')}${cell('2019 – 2021')}</w:tr></w:tbl>` +
      `<w:tbl><w:tr>${cell('SKILLS', 'Go', 'Rust')}${cell('EXPERIENCE', 'Platform Engineer')}</w:tr></w:tbl>`;
    expect(extractDocxText(buildDocxFromBody(body))).toBe(
      'Data Engineer\t2019 – 2021\nSKILLS\nGo\nRust\nEXPERIENCE\nPlatform Engineer',
    );
  });

  it('survives malformed XML without hanging', () => {
    const hostile = '<w:p><w:r><w:t>ok</w:t></w:r>' + '<a '.repeat(50_000) + '<w:p><w:r><w:t>end';
    expect(extractDocxText(buildDocxFromBody(hostile))).toContain('ok');
  });

  it('rejects a zip bomb from its declared sizes, without inflating it', () => {
    const bomb = buildZipBomb();
    const error = errorOf(() => extractDocxText(bomb));
    expect(error.code).toBe('ZIP_BOMB');
  });

  it('rejects a zip bomb whose header lies about its size while inflating', () => {
    const bomb = buildLyingZipBomb();
    const error = errorOf(() => extractDocxText(bomb));
    expect(error.code).toBe('ZIP_BOMB');
  });

  it('rejects archives with too many entries', () => {
    expect(
      errorOf(() => extractDocxText(buildManyEntryDocx(DEFAULT_DOCX_LIMITS.maxEntries + 1))).code,
    ).toBe('ZIP_BOMB');
  });

  it('rejects a document over the configured uncompressed total', () => {
    const docx = buildDocx(['x'.repeat(4096)]);
    const limits = { ...DEFAULT_DOCX_LIMITS, maxTotalBytes: 1024 };
    expect(errorOf(() => extractDocxText(docx, limits)).code).toBe('ZIP_BOMB');
  });

  it('reports a truncated archive as corrupt', () => {
    const docx = buildDocx(['Ada Lovelace']);
    expect(errorOf(() => extractDocxText(docx.subarray(0, docx.length - 30))).code).toBe(
      'CORRUPT_FILE',
    );
  });

  it('reports a ZIP without word/document.xml as corrupt', () => {
    const zip = buildZip({ '[Content_Types].xml': '<Types/>', 'word/styles.xml': '<w:styles/>' });
    expect(errorOf(() => extractDocxText(zip)).code).toBe('CORRUPT_FILE');
  });
});

describe(decodeXmlEntities.name, () => {
  it.each([
    ['&lt;&gt;&amp;&quot;&apos;', '<>&"\''],
    ['&#65;&#x42;', 'AB'],
    ['&#0;&#xD800;&#x110000;', ''],
    ['&unknown; & plain', '&unknown; & plain'],
  ])('decodes %p', (input, expected) => {
    expect(decodeXmlEntities(input)).toBe(expected);
  });
});
