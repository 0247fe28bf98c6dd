/**
 * What `dti help`, `dti help CMD` and `dti CMD --help` print: one usage record per command (its
 * synopsis, what it does, its options and examples that run from the repository root), and the
 * global help built from the same records. Kept apart from the commands so that help never loads
 * a command's heavy modules.
 */
import { say, t, type Lang, type Text } from '../base';
import { UsageError } from './args';

export const COMMANDS = [
  'rubrics',
  'criteria',
  'score',
  'template',
  'report',
  'verify',
  'rank',
  'appraise',
  'feedback',
  'publish',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const isCommand = (name: string): name is CommandName => (COMMANDS as readonly string[]).includes(name);

/** A flag and what it does; the flag's placeholder is in the reader's language (--unit LOẠI, --unit TYPE). */
type Option = [flag: string | Text, text: Text];

interface Usage {
  synopsis: Text;
  /** One line for the global help. */
  summary: Text;
  /** What the command does, in a few sentences. */
  about: Text;
  options: Option[];
  examples: string[];
  exit: Text;
}

const JSON_OPTION = (what: Text): Option => ['--json', t(`Xuất JSON: ${what.vi}`, `JSON output: ${what.en}`)];
const PREVIOUS_OPTION = (what: Text): Option => [t('--previous TỆP_NĂM_TRƯỚC', '--previous LAST_YEAR'), what];
const TRUST_OPTION: Option = [
  '--trust CA.pem',
  t(
    'Chứng thư số gốc tin cậy của Hội đồng (PEM hoặc DER); dùng được nhiều lần',
    "The council's trusted root certificate (PEM or DER); may be given several times",
  ),
];

const EXPECTED_OPTION: Option = [
  t('--expected TỆP|official', '--expected FILE|official'),
  t(
    'Các đơn vị phải nộp: tệp mỗi dòng một tên, hoặc official là danh sách trong quyết định (Hà Nội Phụ lục I); liệt kê đơn vị chưa nộp. (Đơn vị nộp trùng, có danh sách hay không: tính bản ký hợp lệ mới nhất, bản kia liệt kê là nộp trùng)',
    'The units that must submit: a file of names, one a line, or official for the list in the decision (Hà Nội Phụ lục I); lists the units that have not submitted. (A unit that submitted twice, list or not: the newest validly signed one counts, the other is listed as submitted twice)',
  ),
];

const DEADLINE_OPTIONS: Option[] = [
  [
    '--deadline dd/mm/yyyy[ hh:mm]',
    t(
      'Hạn nộp (giờ Việt Nam); không ghi giờ là hết ngày (23:59). Bài nộp ký sau hạn (theo dấu thời gian, nếu không có thì theo thời điểm người ký ghi) là nộp muộn, không xếp hạng; bài nộp chưa ký không đối chiếu được với hạn',
      'The submission deadline (Vietnam time); without a time, the end of the day (23:59). A submission signed after it (by its timestamp, else the time the signer wrote) is late and not ranked; an unsigned one cannot be checked against it',
    ),
  ],
  ['--accept-late', t('Vẫn xếp hạng bài nộp muộn, có ghi nộp muộn', 'Rank late submissions too, marked late')],
];

const USAGE: Record<CommandName, Usage> = {
  rubrics: {
    synopsis: t('dti rubrics [--json]', 'dti rubrics [--json]'),
    summary: t(
      'Các bộ tiêu chí và loại đơn vị: số tiêu chí, điểm tối đa',
      'Rubrics and unit types: criteria count, max points',
    ),
    about: t(
      'Liệt kê các bộ tiêu chí trong thư viện: quyết định, loại đơn vị, số tiêu chí được chấm và điểm tối đa (mức độ 1–5 với bộ tiêu chí xếp mức).',
      'Lists the rubrics in the library: the decision, the unit types, the number of scored criteria and the max points (levels 1–5 for level rubrics).',
    ),
    options: [JSON_OPTION(t('[{"rubric","unit","criteria","max"}]', '[{"rubric","unit","criteria","max"}]'))],
    examples: ['dti rubrics', 'dti rubrics --json'],
    exit: t('0 đã liệt kê · 2 lệnh không dùng được', '0 listed · 2 the command cannot be used'),
  },
  criteria: {
    synopsis: t('dti criteria RUBRIC LOẠI_ĐƠN_VỊ [--json]', 'dti criteria RUBRIC UNIT [--json]'),
    summary: t('Các tiêu chí của một loại đơn vị và giá trị cần nhập', "A unit type's criteria and what to enter"),
    about: t(
      'Liệt kê các tiêu chí của một loại đơn vị (so: sở, ban, ngành; huyen: cấp huyện; xa: cấp xã) với điểm tối đa và giá trị cần nhập cho từng tiêu chí.',
      "Lists a unit type's criteria (so: department; huyen: district; xa: commune) with the max points and what to enter for each.",
    ),
    options: [
      JSON_OPTION(
        t(
          'mã, trụ cột, tên, điểm tối đa, loại quy tắc, giá trị cần nhập, hạn hoàn thành',
          'id, pillar, title, max points, rule kind, what to enter, deadline',
        ),
      ),
    ],
    examples: ['dti criteria hue-2263-2023 xa', 'dti criteria kontum-121-2025 huyen --json'],
    exit: t('0 đã liệt kê · 2 không có bộ tiêu chí hoặc loại đơn vị đó', '0 listed · 2 no such rubric or unit type'),
  },
  score: {
    synopsis: t(
      'dti score TỆP... [--previous TỆP_NĂM_TRƯỚC] [--json]',
      'dti score FILE... [--previous LAST_YEAR] [--json]',
    ),
    summary: t(
      'Chấm điểm bản tự đánh giá (.json hoặc mẫu .xlsx đã điền)',
      'Score self-assessments (.json, or filled .xlsx templates)',
    ),
    about: t(
      `Chấm điểm từng bản tự đánh giá: tệp .json hoặc mẫu .xlsx đã điền (dti template). Giá trị chưa nhập được liệt kê là vấn đề, không bao giờ tính thành 0.
Tệp .json: {"rubric": ID, "unit": "so"|"huyen"|"xa", "unitName"?: tên, "year"?: năm,
            "values": {"MÃ_TIÊU_CHÍ": giá trị}, "general"?: {"MỤC": giá trị},
            "options"?: {"cách_đọc": "lựa chọn"}}
Giá trị cần nhập của từng tiêu chí và các mục thông tin chung: dti criteria RUBRIC LOẠI_ĐƠN_VỊ.
Với --previous, so sánh với tệp năm trước (.xlsx hoặc .json), chấm theo bộ chỉ số mà tệp đó ghi: điểm (hoặc mức) năm trước, năm nay và thay đổi theo trụ cột và theo tiêu chí cùng mã; tiêu chí mới và tiêu chí không còn được liệt kê, tiêu chí đổi điểm tối đa được ghi chú.`,
      `Scores each self-assessment: a .json file or a filled .xlsx template (dti template). Values not entered are listed as problems, never scored as 0.
A .json file: {"rubric": ID, "unit": "so"|"huyen"|"xa", "unitName"?: name, "year"?: year,
               "values": {"CRITERION_ID": value}, "general"?: {"ITEM": value},
               "options"?: {"option": "choice"}}
What each criterion and general-information item expects: dti criteria RUBRIC UNIT.
With --previous, compares with last year's file (.xlsx or .json), scored under the rubric that file names: last year's points (or level), this year's and the change per pillar and per criterion with the same id; new criteria and criteria no longer in the set are listed, and a criterion whose max changed is flagged.`,
    ),
    options: [
      PREVIOUS_OPTION(
        t('So sánh với tệp năm trước (.xlsx hoặc .json)', "Compare with last year's file (.xlsx or .json)"),
      ),
      JSON_OPTION(
        t(
          'tổng điểm, trụ cột, từng tiêu chí, mức độ, vấn đề; với --previous thêm mục previous',
          'total, pillars, each criterion, level, problems; with --previous a previous object',
        ),
      ),
    ],
    examples: [
      'dti score examples/hue-2263-2023-xa.json',
      'dti score examples/kontum-121-2025-xa.json --json',
      'dti score examples/hue-931-2024-xa.json --previous examples/hue-2263-2023-xa.json',
    ],
    exit: t(
      '0 đã chấm · 1 có giá trị không hợp lệ hoặc mã tiêu chí lạ · 2 tệp không dùng được',
      '0 scored · 1 some value is invalid or names an unknown criterion · 2 a file cannot be used',
    ),
  },
  template: {
    synopsis: t(
      'dti template --rubric ID --unit LOẠI [--unit-name TÊN] [--year NĂM] [--from TỆP] [--previous TỆP_NĂM_TRƯỚC] --out TỆP.xlsx [--json]',
      'dti template --rubric ID --unit TYPE [--unit-name NAME] [--year YEAR] [--from FILE] [--previous LAST_YEAR] --out FILE.xlsx [--json]',
    ),
    summary: t(
      'Tạo mẫu Excel; --from giữ lại số liệu của tệp .json hoặc mẫu cũ',
      'Write an Excel template; --from keeps the entries of a .json or an older template',
    ),
    about: t(
      'Tạo mẫu tự đánh giá Excel cho một bộ tiêu chí và loại đơn vị: thông tin chung ở đầu, mỗi tiêu chí với một dòng cho từng số liệu cần nhập, ô nhập đúng kiểu, điểm và kiểm tra tính bằng hàm CDS.*. Với --from, số liệu của bản .json hoặc của mẫu cũ được giữ lại theo mã tiêu chí. Những gì mẫu không giữ được (mã không có trong bộ tiêu chí, điều kiện không có, cách đọc khác mặc định, mục thông tin chung không có) được liệt kê, mã thoát 1; những gì giữ ở dạng khác (giá trị của công thức, đích của liên kết, năm đánh giá tự điền) cũng được nêu. Bản .json của bộ tiêu chí hoặc loại đơn vị khác bị từ chối.',
      'Writes an Excel self-assessment template for a rubric and unit type: the general information at the top, each criterion with one row per input, typed input cells, points and checks computed by the CDS.* functions. With --from, the entries of a .json or an older template are kept by criterion id. What the template cannot hold (ids not in the rubric, sub-conditions it lacks, readings other than the default, general items it lacks) is listed, exit 1; what is kept in another form (the value of a formula, the target of a link, a year filled in) is said too. A .json of another rubric or unit type is refused.',
    ),
    options: [
      ['--rubric ID', t('Bộ tiêu chí (xem dti rubrics)', 'The rubric (see dti rubrics)')],
      [t('--unit LOẠI', '--unit TYPE'), t('Loại đơn vị: so, huyen hoặc xa', 'Unit type: so, huyen or xa')],
      [
        t('--unit-name TÊN', '--unit-name NAME'),
        t('Tên đơn vị ghi vào mẫu', 'The unit name written into the template'),
      ],
      [t('--year NĂM', '--year YEAR'), t('Năm đánh giá (2000–2100)', 'The year assessed (2000–2100)')],
      [
        t('--from TỆP', '--from FILE'),
        t(
          'Giữ lại số liệu của tệp .json hoặc mẫu .xlsx cũ',
          'Keep the entries of a .json file or an older .xlsx template',
        ),
      ],
      PREVIOUS_OPTION(
        t(
          'Trang Tổng hợp so sánh với tệp năm trước (.xlsx hoặc .json)',
          "The summary sheet compares with last year's file (.xlsx or .json)",
        ),
      ),
      [t('--out TỆP.xlsx', '--out FILE.xlsx'), t('Tệp mẫu sẽ ghi', 'The template file to write')],
      JSON_OPTION(
        t(
          'tệp đã ghi, số tiêu chí, số liệu giữ lại và không giữ được',
          'the file written, criteria, entries kept and lost',
        ),
      ),
    ],
    examples: [
      'dti template --rubric hue-2263-2023 --unit xa --unit-name "Phường Phú Hội" --year 2025 --out mau-2263.xlsx',
      'dti template --rubric kontum-121-2025 --unit huyen --from examples/kontum-121-2025-huyen.json --out kontum.xlsx',
    ],
    exit: t(
      '0 đã ghi · 1 có số liệu không giữ lại được (xem danh sách) · 2 lệnh hoặc tệp không dùng được',
      '0 written · 1 some entries could not be kept (listed) · 2 the command or a file cannot be used',
    ),
  },
  report: {
    synopsis: t(
      'dti report TỆP.xlsx --out TỆP.pdf|TỆP.xlsx [--json]',
      'dti report FILE.xlsx --out FILE.pdf|FILE.xlsx [--json]',
    ),
    summary: t(
      'In báo cáo tự đánh giá của mẫu đã điền, để ký và đóng dấu',
      'Print the self-assessment report of a filled template, to sign and stamp',
    ),
    about: t(
      'Lập "Báo cáo tự đánh giá" từ mẫu .xlsx đã điền, theo thể thức văn bản hành chính: quốc hiệu, tiêu ngữ, tên đơn vị, bảng điểm (hoặc mức đạt) và tài liệu kiểm chứng của từng tiêu chí, tổng điểm, chỗ ký của người lập biểu và thủ trưởng đơn vị; khổ A4, đánh số "Trang x/y". Số liệu được đọc lại và chấm lại từ mẫu; cơ quan cấp trên, số văn bản, địa danh và ngày đã gõ trong trang báo cáo của mẫu được giữ. --out TỆP.pdf cần LibreOffice; --out TỆP.xlsx ghi báo cáo dạng Excel để in từ Excel.',
      'Makes the "Báo cáo tự đánh giá" of a filled .xlsx template, laid out as an administrative document: national title and motto, the unit, a table of each criterion\'s points (or level) and evidence, the total, and the signatures of the preparer and the head of the unit; A4, pages numbered "Trang x/y". The entries are read back and re-scored; the superior body, document number, place and date typed in the template\'s report sheet are kept. --out FILE.pdf needs LibreOffice; --out FILE.xlsx writes the report as Excel, to print from Excel.',
    ),
    options: [
      [
        t('--out TỆP.pdf|TỆP.xlsx', '--out FILE.pdf|FILE.xlsx'),
        t(
          'Báo cáo sẽ ghi: PDF (qua LibreOffice) hoặc Excel',
          'The report to write: PDF (through LibreOffice) or Excel',
        ),
      ],
      JSON_OPTION(t('tệp đã ghi, số tiêu chí, vấn đề của mẫu', 'the file written, criteria, template problems')),
    ],
    examples: [
      'dti report examples/council/phuong-phu-hoi.xlsx --out bao-cao.pdf',
      'dti report examples/council/phuong-phu-hoi.xlsx --out bao-cao.xlsx',
    ],
    exit: t(
      '0 đã ghi · 2 lệnh hoặc tệp không dùng được, hoặc không có LibreOffice để in PDF',
      '0 written · 2 the command or a file cannot be used, or no LibreOffice to print the PDF',
    ),
  },
  verify: {
    synopsis: t(
      'dti verify TỆP.xlsx|THƯ_MỤC... [--trust CA.pem ...] [--submissions THƯ_MỤC] [--json]',
      'dti verify FILE.xlsx|FOLDER... [--trust CA.pem ...] [--submissions FOLDER] [--json]',
    ),
    summary: t(
      'Xác minh chữ ký số (và tệp .p7s ký rời), niêm phong',
      'Verify digital signatures (and detached .p7s), and the seal',
    ),
    about: t(
      `Xác minh chữ ký số của từng tệp (chữ ký Excel trong tệp, và tệp TỆP.xlsx.p7s ký rời nếu có) và mã niêm phong của add-in, tính lại từ số liệu nhập. Một thư mục: mọi tệp .xlsx trong đó. Chứng thư gốc là của Hội đồng (--trust), không bao giờ lấy từ tệp.
Trạng thái: hợp lệ · hợp lệ, chưa xác thực nguồn cấp (không có --trust, hoặc không thuộc chứng thư gốc nào đã cho) · ký một phần · không hợp lệ · chưa ký · tệp lỗi.
Sổ thẩm định của Hội đồng (dti appraise, rồi ký trong Excel) được nhận ra và xác minh như bài nộp, kèm danh sách bài nộp sổ đã thẩm định, đối chiếu với các bài nộp cho cùng lệnh.`,
      `Verifies each file's digital signatures (Excel's signatures inside the file, and a detached FILE.xlsx.p7s when present) and the add-in's seal, recomputed from the inputs. A folder: every .xlsx file in it. The root certificates are the council's (--trust), never taken from the file.
Statuses: valid · valid, issuer not verified (no --trust, or not chaining to any given root) · partly signed · invalid · unsigned · broken file.
A council's appraisal workbook (dti appraise, then signed in Excel) is recognised and verified as a submission is, with the submissions it appraised, matched with the submissions given in the same command.`,
    ),
    options: [
      TRUST_OPTION,
      [
        t('--submissions THƯ_MỤC', '--submissions FOLDER'),
        t(
          'Bài nộp để đối chiếu với sổ thẩm định (chỉ so khớp nội dung tệp, không xác minh lại)',
          "Submissions to match with the council's workbook (file contents compared only, not verified again)",
        ),
      ],
      JSON_OPTION(
        t(
          'trạng thái, người ký, thời điểm ký (tự khai và theo dấu thời gian), lý do của từng tệp; với sổ thẩm định: các bài nộp sổ bao phủ',
          "status, signer, signing time (claimed, and attested by a timestamp), reasons per file; for a council's workbook: the submissions it covers",
        ),
      ),
    ],
    examples: [
      'dti verify examples/council --trust examples/council/demo-ca.pem',
      'dti verify examples/council/phuong-phu-hoi.xlsx --json',
    ],
    exit: t(
      '0 mọi tệp hợp lệ (chưa xác thực nguồn cấp cũng được khi không có --trust) và niêm phong khớp · 1 có tệp không như vậy · 2 lệnh hoặc tệp không dùng được',
      '0 every file is valid (issuer not verified is fine without --trust) and its seal matches · 1 some file is not · 2 the command or a file cannot be used',
    ),
  },
  rank: {
    synopsis: t(
      'dti rank TỆP|THƯ_MỤC... --rubric ID --unit LOẠI --out xep-hang.xlsx [--trust CA.pem ...] [--appraisal THAM-DINH.xlsx] [--expected TỆP|official] [--deadline dd/mm/yyyy [--accept-late]] [--by total|percent] [--json]',
      'dti rank FILES|FOLDER... --rubric ID --unit TYPE --out ranking.xlsx [--trust CA.pem ...] [--appraisal COUNCIL.xlsx] [--expected FILE|official] [--deadline dd/mm/yyyy [--accept-late]] [--by total|percent] [--json]',
    ),
    summary: t(
      'Xác minh, chấm lại từ số liệu nhập và xếp hạng các đơn vị',
      'Verify, re-score from the inputs and rank the units',
    ),
    about: t(
      `Xác minh chữ ký và chấm lại từng bài nộp từ số liệu nhập (số lưu trong tệp không được dùng, chỉ để so sánh: sai khác được đánh dấu), xếp hạng các đơn vị và ghi bảng xếp hạng .xlsx cùng tệp .csv cạnh nó. Đồng hạng khi bằng điểm (1, 2, 2, 4). Bài nộp chưa ký, chữ ký không hợp lệ, sai bộ tiêu chí hoặc tệp lỗi không được xếp hạng: liệt kê sau cùng, kèm lý do.`,
      `Verifies and re-scores each submission from its inputs (the numbers stored in the file are never used, only compared: differences are flagged), ranks the units and writes the ranking .xlsx with a .csv beside it. Equal totals share a rank (1, 2, 2, 4). Submissions that are unsigned, invalidly signed, for another rubric or unreadable get no rank: listed last, with the reason.`,
    ),
    options: [
      ['--rubric ID', t('Bộ tiêu chí của các bài nộp', 'The rubric of the submissions')],
      [t('--unit LOẠI', '--unit TYPE'), t('Loại đơn vị: so, huyen hoặc xa', 'Unit type: so, huyen or xa')],
      [
        t('--out TỆP.xlsx', '--out FILE.xlsx'),
        t('Bảng xếp hạng sẽ ghi (và TỆP.csv cạnh nó)', 'The ranking workbook to write (and FILE.csv beside it)'),
      ],
      TRUST_OPTION,
      [
        t('--appraisal TỆP.xlsx', '--appraisal FILE.xlsx'),
        t(
          'Xếp theo điểm thẩm định trong bảng thẩm định của Hội đồng (dti appraise) và liệt kê các tiêu chí Hội đồng đã điều chỉnh',
          "Rank on the appraised points of the council's appraisal workbook (dti appraise) and list the criteria the council changed",
        ),
      ],
      EXPECTED_OPTION,
      ...DEADLINE_OPTIONS,
      [
        '--by total|percent',
        t(
          'Xếp theo tổng điểm (mặc định) hoặc tỷ lệ % điểm tối đa áp dụng',
          'Rank by total (default) or percent of the applicable max',
        ),
      ],
      JSON_OPTION(
        t(
          'hạng, đơn vị, điểm, chữ ký, niêm phong, lý do không xếp hạng',
          'rank, unit, points, signature, seal, why not ranked',
        ),
      ),
    ],
    examples: [
      'dti rank examples/council --rubric hue-2263-2023 --unit xa --trust examples/council/demo-ca.pem --out xep-hang.xlsx',
    ],
    exit: t(
      '0 đã xếp hạng và ghi bảng xếp hạng (kể cả khi có bài nộp không được xếp hạng) · 2 lệnh, thư mục hoặc tệp không dùng được',
      '0 ranked and the ranking written (even when some submissions get no rank) · 2 the command, a folder or a file cannot be used',
    ),
  },
  appraise: {
    synopsis: t(
      'dti appraise TỆP|THƯ_MỤC... --rubric ID --unit LOẠI --out tham-dinh.xlsx [--trust CA.pem ...] [--expected TỆP|official] [--deadline dd/mm/yyyy [--accept-late]] [--by total|percent] [--json]',
      'dti appraise FILES|FOLDER... --rubric ID --unit TYPE --out council.xlsx [--trust CA.pem ...] [--expected FILE|official] [--deadline dd/mm/yyyy [--accept-late]] [--by total|percent] [--json]',
    ),
    summary: t(
      'Lập bảng thẩm định của Hội đồng: sửa điểm từng tiêu chí, xếp hạng tự cập nhật',
      "Write the council's appraisal workbook: change points criterion by criterion, the ranking follows",
    ),
    about: t(
      `Xác minh và chấm lại các bài nộp như dti rank, rồi ghi bảng thẩm định: trang Xếp hạng (mỗi bài nộp một dòng, có biểu đồ; bài nộp không xếp hạng được liệt kê sau, kèm lý do) và trang Thẩm định (mỗi tiêu chí của mỗi đơn vị một dòng: số liệu đơn vị nhập, điểm tự chấm, điểm chấm lại, điểm thẩm định đặt sẵn bằng điểm chấm lại, lý do điều chỉnh chọn trong danh sách, ghi chú). Hội đồng sửa điểm thẩm định trong Excel, tổng điểm và hạng tự cập nhật; dti rank --appraisal xếp hạng lại từ bảng đã sửa.`,
      `Verifies and re-scores the submissions as dti rank does, then writes the appraisal workbook: the Xếp hạng sheet (one row per submission, with a chart; submissions that cannot be ranked listed after, with the reason) and the Thẩm định sheet (one row per criterion of each unit: what the unit entered, its own points, the re-score, the appraised points preset to the re-score, a reason from a list, a note). The council edits the appraised points in Excel and the totals and ranks follow; dti rank --appraisal ranks again from the edited workbook.`,
    ),
    options: [
      ['--rubric ID', t('Bộ tiêu chí của các bài nộp', 'The rubric of the submissions')],
      [t('--unit LOẠI', '--unit TYPE'), t('Loại đơn vị: so, huyen hoặc xa', 'Unit type: so, huyen or xa')],
      [t('--out TỆP.xlsx', '--out FILE.xlsx'), t('Bảng thẩm định sẽ ghi', 'The appraisal workbook to write')],
      TRUST_OPTION,
      EXPECTED_OPTION,
      ...DEADLINE_OPTIONS,
      [
        '--by total|percent',
        t(
          'Xếp theo tổng điểm (mặc định) hoặc tỷ lệ % điểm tối đa áp dụng',
          'Rank by total (default) or percent of the applicable max',
        ),
      ],
      [
        t('--split-by agency SỔ.xlsx --out THƯ_MỤC', '--split-by agency COUNCIL.xlsx --out FOLDER'),
        t(
          'Tách bảng thẩm định cho các cơ quan thành viên: mỗi cơ quan một tệp, chỉ các tiêu chí cơ quan đó thẩm định (theo bộ tiêu chí, hoặc trang "Phân công thẩm định" Hội đồng điền)',
          'Split the appraisal workbook among the member agencies: one file per agency, holding only the criteria it appraises (from the rubric, or the sheet "Phân công thẩm định" the council fills in)',
        ),
      ],
      [
        t('--merge SỔ.xlsx TỆP... --out GỘP.xlsx', '--merge COUNCIL.xlsx FILES... --out MERGED.xlsx'),
        t(
          'Gộp phần thẩm định của các cơ quan vào bảng thẩm định; liệt kê ô hai cơ quan chấm khác nhau và tiêu chí chưa cơ quan nào thẩm định',
          "Merge the agencies' shares back into the appraisal workbook; list the cells two agencies scored differently and the criteria no agency appraised",
        ),
      ],
      JSON_OPTION(
        t(
          'các bài nộp được thẩm định, không xếp hạng, chưa nộp, nộp hai lần',
          'the submissions appraised, not ranked, missing, submitted twice',
        ),
      ),
    ],
    examples: [
      'dti appraise examples/council --rubric hue-2263-2023 --unit xa --trust examples/council/demo-ca.pem --out tham-dinh.xlsx',
      'dti rank examples/council --rubric hue-2263-2023 --unit xa --trust examples/council/demo-ca.pem --appraisal tham-dinh.xlsx --out xep-hang.xlsx',
      'dti appraise --split-by agency tham-dinh.xlsx --out co-quan',
      'dti appraise --merge tham-dinh.xlsx co-quan/*.xlsx --out tham-dinh-gop.xlsx',
    ],
    exit: t(
      '0 đã ghi bảng thẩm định · 1 (tách, gộp) còn việc cho Hội đồng: ô chưa thống nhất, tiêu chí chưa ai thẩm định, phân công cần điền · 2 lệnh, thư mục hoặc tệp không dùng được (tệp của bảng thẩm định khác: không gộp gì)',
      '0 the appraisal workbook written · 1 (split, merge) something for the council to settle: a conflict, a criterion nobody appraised, an assignment to fill in · 2 the command, a folder or a file cannot be used (a file of another appraisal workbook: nothing merged)',
    ),
  },
  feedback: {
    synopsis: t(
      'dti feedback BẢNG_THẨM_ĐỊNH.xlsx --out THƯ_MỤC [--json]',
      'dti feedback COUNCIL.xlsx --out FOLDER [--json]',
    ),
    summary: t(
      'Ý kiến thẩm định vòng 1 gửi từng đơn vị (Excel và JSON)',
      'Round-1 feedback to each unit (Excel and JSON)',
    ),
    about: t(
      'Từ bảng thẩm định vòng 1 Hội đồng đã sửa, ghi cho mỗi đơn vị một tệp Excel và một tệp JSON cùng nội dung: các tiêu chí Hội đồng điều chỉnh điểm hoặc có lý do, ghi chú, với điểm tự chấm, điểm thẩm định vòng 1, lý do và ý kiến của Hội đồng, và mã của bài nộp được thẩm định. Đơn vị nhập tệp vào sổ tự đánh giá của mình (dti template --from … --feedback …, hoặc trong Excel), bổ sung giải trình và tài liệu kiểm chứng, niêm phong và ký số lại; Hội đồng thẩm định vòng 2 bằng dti appraise --round 2.',
      "From the round-1 appraisal workbook the council edited, writes for each unit an Excel file and a JSON file of the same content: the criteria whose points the council changed or gave a reason or note for, with the self-assessed points, the round-1 appraised points, the reason and the council's note, and the digest of the submission appraised. The unit imports it into its own workbook (dti template --from … --feedback …, or in Excel), adds explanations and evidence, seals and signs again; the council appraises round 2 with dti appraise --round 2.",
    ),
    options: [
      [
        t('--out THƯ_MỤC', '--out FOLDER'),
        t('Thư mục ghi các tệp (đã có)', 'The folder to write the files to (must exist)'),
      ],
      JSON_OPTION(
        t(
          'mỗi đơn vị: tên, bài nộp, các tiêu chí có ý kiến, các tệp',
          'per unit: name, submission, criteria remarked, files',
        ),
      ),
    ],
    examples: ['dti feedback tham-dinh.xlsx --out y-kien'],
    exit: t(
      '0 đã ghi các tệp ý kiến · 2 lệnh, bảng thẩm định hoặc thư mục không dùng được',
      '0 the feedback files written · 2 the command, the workbook or the folder cannot be used',
    ),
  },
  publish: {
    synopsis: t(
      'dti publish TỆP|THƯ_MỤC... --appraisal THAM-DINH.xlsx --out ket-qua.pdf|.xlsx|.csv [--council TÊN] [--place ĐỊA_DANH] [--date dd/mm/yyyy] [--round 1|2|final] [--year NĂM] [các tùy chọn của dti rank]',
      'dti publish FILES|FOLDER... --appraisal COUNCIL.xlsx --out ranking.pdf|.xlsx|.csv [--council NAME] [--place PLACE] [--date dd/mm/yyyy] [--round 1|2|final] [--year YEAR] [dti rank options]',
    ),
    summary: t(
      'In kết quả xếp hạng để ký và công bố (PDF, Excel hoặc CSV)',
      'Print the published ranking to sign and publish (PDF, Excel or CSV)',
    ),
    about: t(
      `Xếp hạng như dti rank --appraisal (theo điểm thẩm định trong bảng thẩm định của Hội đồng, cùng các tùy chọn) rồi ghi trang "Kết quả xếp hạng" trình bày như văn bản hành chính: quốc hiệu, tiêu ngữ, tên Hội đồng, địa danh và ngày, tên văn bản theo loại đơn vị và năm, quyết định áp dụng, vòng thẩm định, bảng hạng – đơn vị – điểm thẩm định – điểm tối đa – tỷ lệ (bộ tiêu chí xếp mức: mức và tên mức), các đơn vị không xếp hạng kèm lý do, và khối chữ ký của Chủ tịch Hội đồng. PDF in khổ A4 đứng qua LibreOffice. CSV để đăng tải: UTF-8, mỗi đơn vị một dòng, số dùng dấu chấm thập phân. Bộ tiêu chí và loại đơn vị lấy từ bảng thẩm định khi không ghi.`,
      `Ranks as dti rank --appraisal does (on the appraised points of the council's workbook, with the same options) and writes the "Kết quả xếp hạng" sheet laid out as an administrative document: national title and motto, the council, place and date, the title with the unit type and year, the decision applied, the round, the table of rank, unit, appraised points, max and percent (level rubrics: the level and its name), the units not ranked with the reason, and the council chairman's signature block. The PDF is A4 portrait, printed by LibreOffice. The CSV is for publishing: UTF-8, one row per unit, numbers with a decimal point. The rubric and unit type are the council workbook's unless given.`,
    ),
    options: [
      [
        t('--appraisal TỆP.xlsx', '--appraisal FILE.xlsx'),
        t(
          'Bảng thẩm định của Hội đồng (dti appraise), đã sửa điểm',
          "The council's appraisal workbook (dti appraise), as edited",
        ),
      ],
      [
        t('--out TỆP.pdf|.xlsx|.csv', '--out FILE.pdf|.xlsx|.csv'),
        t(
          'Kết quả sẽ ghi: PDF để in, Excel, hoặc CSV để đăng tải',
          'What to write: a PDF to print, Excel, or a CSV to publish',
        ),
      ],
      [
        t('--council TÊN', '--council NAME'),
        t(
          'Tên Hội đồng trên văn bản (mặc định: HỘI ĐỒNG THẨM ĐỊNH)',
          "The council's name on the document (default: HỘI ĐỒNG THẨM ĐỊNH)",
        ),
      ],
      [
        t('--place ĐỊA_DANH', '--place PLACE'),
        t('Địa danh ở dòng ngày tháng (mặc định để dấu chấm)', 'The place in the date line (default: dots)'),
      ],
      ['--date dd/mm/yyyy', t('Ngày của văn bản (mặc định để dấu chấm)', "The document's date (default: dots)")],
      [
        '--round 1|2|final',
        t(
          'Vòng thẩm định: 1, 2 hoặc final là kết quả chính thức (mặc định)',
          'The round: 1, 2 or final, the official result (default)',
        ),
      ],
      [
        t('--year NĂM', '--year YEAR'),
        t(
          'Năm đánh giá trong tên văn bản (mặc định: năm của --date, hoặc năm nay)',
          'The year assessed, in the title (default: the year of --date, or this year)',
        ),
      ],
      [
        '--rubric ID',
        t('Bộ tiêu chí (mặc định: của bảng thẩm định)', "The rubric (default: the appraisal workbook's)"),
      ],
      [
        t('--unit LOẠI', '--unit TYPE'),
        t('Loại đơn vị (mặc định: của bảng thẩm định)', "The unit type (default: the appraisal workbook's)"),
      ],
      TRUST_OPTION,
      EXPECTED_OPTION,
      ...DEADLINE_OPTIONS,
      JSON_OPTION(
        t(
          '{"out","ranked","rows":[{"rank","unit","points","max","percent","levelName","note"}]}',
          '{"out","ranked","rows":[{"rank","unit","points","max","percent","levelName","note"}]}',
        ),
      ),
    ],
    examples: [
      'dti appraise examples/council --rubric hue-2263-2023 --unit xa --trust examples/council/demo-ca.pem --out tham-dinh.xlsx',
      'dti publish examples/council --appraisal tham-dinh.xlsx --trust examples/council/demo-ca.pem --place Huế --date 15/12/2025 --out ket-qua.pdf',
      'dti publish examples/council --appraisal tham-dinh.xlsx --trust examples/council/demo-ca.pem --out ket-qua.csv',
    ],
    exit: t(
      '0 đã ghi kết quả · 2 lệnh, thư mục hoặc tệp không dùng được, hoặc không có LibreOffice để in PDF',
      '0 the result written · 2 the command, a folder or a file cannot be used, or no LibreOffice to print the PDF',
    ),
  },
};

const LANG_OPTION: Option = ['--lang en', t('Tiếng Anh (mặc định: tiếng Việt)', 'English (default: Vietnamese)')];
const EXIT_CODES = t(
  '0 đã chấm · 1 có giá trị không hợp lệ · 2 lệnh hoặc tệp không dùng được',
  '0 scored · 1 some value is invalid · 2 the command or a file cannot be used',
);

function optionLines(options: Option[], lang: Lang): string[] {
  const flags = options.map(([flag]) => (typeof flag === 'string' ? flag : say(flag, lang)));
  const width = Math.max(...flags.map((f) => f.length)) + 2;
  return options.map(([, text], i) => `  ${flags[i].padEnd(width)}${say(text, lang)}`);
}

/** Long lines broken at spaces for an 80-to-100-column terminal; short lines (the JSON shape) kept as written. */
function wrap(text: string, width = 96): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      return [...out, current].join('\n');
    })
    .join('\n');
}

/** "Cách dùng: dti score TỆP... [--json]", for usage errors. */
export function usageLine(command: CommandName, lang: Lang): string {
  return `${say(t('Cách dùng', 'Usage'), lang)}: ${say(USAGE[command].synopsis, lang)}  (dti help ${command})`;
}

/** The error for a command used the wrong way: its usage line, exit 2. */
export const usageError = (command: CommandName) =>
  new UsageError(t(usageLine(command, 'vi'), usageLine(command, 'en')));

export function commandHelp(command: CommandName, lang: Lang): string {
  const u = USAGE[command];
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  return [
    `${L('Cách dùng', 'Usage')}: ${say(u.synopsis, lang)}`,
    '',
    wrap(say(u.about, lang)),
    '',
    `${L('Tùy chọn', 'Options')}:`,
    ...optionLines([...u.options, LANG_OPTION], lang),
    '',
    `${L('Ví dụ', 'Examples')}:`,
    ...u.examples.map((e) => `  ${e}`),
    '',
    wrap(`${L('Mã thoát', 'Exit codes')}: ${say(u.exit, lang)}`),
  ].join('\n');
}

export function globalHelp(lang: Lang): string {
  const L = (vi: string, en: string) => say(t(vi, en), lang);
  return [
    L('dti — chấm điểm bộ chỉ số chuyển đổi số (DTI)', 'dti — score digital transformation (DTI) self-assessments'),
    '',
    `${L('Cách dùng', 'Usage')}:`,
    ...COMMANDS.flatMap((c) => [`  ${say(USAGE[c].synopsis, lang)}`, `      ${say(USAGE[c].summary, lang)}`]),
    `  dti help ${L('LỆNH', 'COMMAND')}`,
    `      ${L('Trợ giúp của một lệnh: cách dùng, tùy chọn, ví dụ (như dti LỆNH --help)', "A command's help: usage, options, examples (as dti COMMAND --help)")}`,
    '',
    `${L('Tùy chọn', 'Options')}:`,
    ...optionLines(
      [
        ['--json', t('Xuất JSON', 'JSON output')],
        LANG_OPTION,
        ['--help, -h', t('Trợ giúp', 'Help')],
        ['--version, -v', t('Phiên bản', 'Version')],
      ],
      lang,
    ),
    '',
    `${L('Ví dụ', 'Examples')}:`,
    `  ${USAGE.score.examples[0]}`,
    `  dti help score`,
    '',
    `${L('Mã thoát', 'Exit codes')}: ${say(EXIT_CODES, lang)}`,
  ].join('\n');
}
