"""The Vietnamese catalogue of the command line: English text (as written in the code, or as
click writes it) -> Vietnamese text. See ``plancheck/i18n/__init__.py`` and docs/language.md.

A help text is keyed by its text as click shows it (a docstring without its indentation).
Placeholders in braces are kept; a translation may leave one out (click's "{number_type}").
"""

_DEFAULT_ENV = "  [mặc định: theo PLANCHECK_LANG, nếu không có thì vi]"
_DEFAULT_CFG = "  [mặc định: theo PLANCHECK_LANG, rồi đến lang trong tệp cấu hình, nếu không có thì vi]"

HELP = {
    # ---------------------------------------------------------------- plancheck
    "Check indicator targets in Vietnamese social-policy plans.":
        "Kiểm tra chỉ tiêu, mục tiêu trong kế hoạch thực hiện chính sách xã hội.",
    "Show the version and exit.": "Hiện số phiên bản rồi thoát.",
    "Language of the help texts and of every command (plancheck --lang vi lint ...).  "
    "[default: PLANCHECK_LANG, else the locale]":
        "Ngôn ngữ của phần hướng dẫn và của mọi lệnh (plancheck --lang vi lint ...).  "
        "[mặc định: theo PLANCHECK_LANG, nếu không có thì theo ngôn ngữ của hệ thống (locale)]",
    # ---------------------------------------------------------------- lint
    "Lint plans: Word documents, their text conversions, CSV/XLSX/JSON/YAML submissions.\n\n"
    "PATHS are files or folders (folders are searched for supported files).":
        "Kiểm tra kế hoạch: văn bản Word, bản chuyển sang văn bản thuần, biểu số liệu CSV/XLSX/JSON/YAML.\n\n"
        "ĐƯỜNG_DẪN là tệp hoặc thư mục (trong thư mục, plancheck tìm các tệp đọc được).",
    "Output format; concise: one finding per line (xlsx needs --output).":
        "Định dạng kết quả; concise: mỗi phát hiện một dòng (xlsx cần --output).",
    "Write the report to this file.": "Ghi báo cáo vào tệp này.",
    "Suite name or YAML path (repeatable). Default: national.":
        "Tên bộ chỉ tiêu hoặc đường dẫn tệp YAML (dùng được nhiều lần). Mặc định: national.",
    "Only these rules: codes, names, categories or globs (comma list).":
        "Chỉ áp dụng các quy tắc này: mã, tên, nhóm hoặc mẫu glob (cách nhau bằng dấu phẩy).",
    "Skip these rules: codes, names, categories or globs (comma list).":
        "Bỏ qua các quy tắc này: mã, tên, nhóm hoặc mẫu glob (cách nhau bằng dấu phẩy).",
    "Exit 1 when a finding reaches this severity.  [default: error]":
        "Trả mã thoát 1 khi có phát hiện từ mức độ này trở lên.  [mặc định: error]",
    "Language of the findings and messages.  [default: PLANCHECK_LANG, else lang in the configuration, else vi]":
        "Ngôn ngữ của các phát hiện và thông báo." + _DEFAULT_CFG,
    "Largest input file, in MiB.  [default: 50]": "Dung lượng tối đa của một tệp đầu vào, tính bằng MiB.  [mặc định: 50]",
    "Glob of files to take inside folders (repeatable).":
        "Mẫu glob của các tệp cần lấy trong thư mục (dùng được nhiều lần).",
    "Glob of files to skip inside folders (repeatable).":
        "Mẫu glob của các tệp cần bỏ qua trong thư mục (dùng được nhiều lần).",
    "Worker processes, at most the number of CPUs.  [default: 1]":
        "Số tiến trình xử lý song song, tối đa bằng số CPU.  [mặc định: 1]",
    "Configuration file (default: plancheck.toml or [tool.plancheck] in pyproject.toml).":
        "Tệp cấu hình (mặc định: plancheck.toml hoặc mục [tool.plancheck] trong pyproject.toml).",
    "Ignore configuration files.": "Không dùng tệp cấu hình.",
    "Hide the findings recorded in this baseline.": "Ẩn các phát hiện đã ghi trong tệp baseline này.",
    "Record the current findings as a baseline.": "Ghi các phát hiện hiện có thành tệp baseline.",
    "Evaluate the row rules with pandas (native) or Great Expectations (gx).":
        "Kiểm tra các quy tắc theo dòng bằng pandas (native) hoặc Great Expectations (gx).",
    "Count the findings per rule instead of listing them (with --format text or json).":
        "Đếm số phát hiện theo từng quy tắc thay vì liệt kê (với --format text hoặc json).",
    "Seconds to read and check one file; a file that takes longer is an error.  [default: 60]":
        "Thời gian tối đa (giây) để đọc và kiểm tra một tệp; quá thời gian này thì báo lỗi.  [mặc định: 60]",
    "Show tracebacks of internal errors.": "Hiện chi tiết (traceback) của lỗi nội bộ.",
    # ---------------------------------------------------------------- annotate
    "Write a copy of a Word plan (.docx) with one comment per finding, or of an XLSX\n"
    "submission with a comment and a fill on each offending cell.\n\n"
    "The input is never written. Exit 0 when the copy is written, 2 on input errors.":
        "Ghi một bản sao của kế hoạch Word (.docx) có một nhận xét cho mỗi phát hiện, hoặc của biểu số liệu "
        "XLSX có nhận xét và tô màu ở từng ô có vấn đề.\n\n"
        "Tệp đầu vào không bao giờ bị ghi đè. Mã thoát 0 khi đã ghi bản sao, 2 khi tệp đầu vào có lỗi.",
    "The annotated copy to write (never the input).": "Tệp bản sao có nhận xét sẽ ghi ra (không phải tệp đầu vào).",
    "Language of the comments and messages.  [default: PLANCHECK_LANG, else lang in the configuration, else vi]":
        "Ngôn ngữ của các nhận xét và thông báo." + _DEFAULT_CFG,
    "Configuration file.": "Tệp cấu hình.",
    "Seconds to read, check and annotate the file.  [default: 60]":
        "Thời gian tối đa (giây) để đọc, kiểm tra và ghi nhận xét vào tệp.  [mặc định: 60]",
    # ---------------------------------------------------------------- compare
    "Compare the targets of several documents (a plan and its programme, two provinces...).\n\n"
    "Exit 0 when no target differs, 1 when some do, 2 on input errors.":
        "So sánh chỉ tiêu của nhiều văn bản (kế hoạch và chương trình của nó, kế hoạch của hai tỉnh...).\n\n"
        "Mã thoát 0 khi không có chỉ tiêu nào khác nhau, 1 khi có, 2 khi tệp đầu vào có lỗi.",
    "Add the national targets of the suite as one more document.":
        "Thêm các chỉ tiêu quốc gia của bộ chỉ tiêu như một văn bản để so sánh.",
    "Write the table to this file.": "Ghi bảng vào tệp này.",
    "Rows to show (repeatable): targets that differ, that some document does not state, that are the same, "
    "or all. Default: different in text, all otherwise.":
        "Các dòng cần hiện (dùng được nhiều lần): chỉ tiêu khác nhau (different), chỉ tiêu có văn bản không nêu "
        "(missing), chỉ tiêu giống nhau (same), hoặc tất cả (all). Mặc định: different với định dạng text, "
        "all với các định dạng khác.",
    "Suite name or YAML path. Default: national.":
        "Tên bộ chỉ tiêu hoặc đường dẫn tệp YAML. Mặc định: national.",
    "Language of the table and messages.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ của bảng và các thông báo." + _DEFAULT_ENV,
    "Seconds to read one document; one that takes longer is an error.  [default: 60]":
        "Thời gian tối đa (giây) để đọc một văn bản; quá thời gian này thì báo lỗi.  [mặc định: 60]",
    # ---------------------------------------------------------------- show
    "Show what plancheck read in one file (all parts unless some are chosen).":
        "Hiện những gì plancheck đọc được trong một tệp (mọi phần, trừ khi chọn một số phần).",
    "Show the outline: every heading, item, paragraph, table and row, as read.":
        "Hiện bố cục: mọi đề mục, mục, đoạn, bảng và dòng, đúng như đã đọc.",
    "Show the tables: header paths, column roles, each row's role and cells.":
        "Hiện các bảng: tiêu đề cột, vai trò của từng cột, vai trò và các ô của từng dòng.",
    "Show every target read: subject, year, value, unit, kind, scope and suite match.":
        "Hiện mọi mục tiêu đọc được: chỉ tiêu, năm, giá trị, đơn vị, loại, phạm vi và chỉ tiêu khớp trong bộ "
        "chỉ tiêu.",
    "Language of what is shown.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ hiển thị." + _DEFAULT_ENV,
    # ---------------------------------------------------------------- targets
    "Write every target the documents state as one table: one row per target.":
        "Ghi mọi mục tiêu mà các văn bản nêu thành một bảng: mỗi mục tiêu một dòng.",
    "The table: .csv, .xlsx, .json (one object per line) or .parquet (needs pyarrow); - for standard output (csv, json).":
        "Tệp bảng: .csv, .xlsx, .json (mỗi dòng một đối tượng) hoặc .parquet (cần thư viện pyarrow); - để in ra "
        "màn hình (csv, json).",
    "The table's format (default: from the output's suffix).":
        "Định dạng của bảng (mặc định: theo đuôi tên tệp kết quả).",
    "Language of the headers and messages.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ của tiêu đề cột và các thông báo." + _DEFAULT_ENV,
    # ---------------------------------------------------------------- rules
    "List the rules, or explain one (plancheck rules Y001).":
        "Liệt kê các quy tắc, hoặc giải thích một quy tắc (plancheck rules Y001).",
    "Language of the table and the rule documentation.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ của bảng và phần giải thích quy tắc." + _DEFAULT_ENV,
    # ---------------------------------------------------------------- export
    "Export a suite's checks over the normalized target table (or the targets table) for other tools.":
        "Xuất các kiểm tra của một bộ chỉ tiêu trên bảng mục tiêu đã chuẩn hóa (hoặc bảng mục tiêu) để dùng "
        "với công cụ khác.",
    "gx: a Great Expectations 1.x expectation suite (JSON); pandera: a pandera schema (YAML).":
        "gx: bộ kiểm tra (expectation suite) của Great Expectations 1.x (JSON); pandera: lược đồ pandera (YAML).",
    "Write to this file.": "Ghi vào tệp này.",
    "normalized: the table the checks read; targets: the table 'plancheck targets' writes.":
        "normalized: bảng mà các kiểm tra đọc; targets: bảng do lệnh 'plancheck targets' ghi ra.",
    "Language of the error messages.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ của các thông báo lỗi." + _DEFAULT_ENV,
    # ---------------------------------------------------------------- suite
    "Write and check indicator suites (see docs/suites.md).":
        "Soạn và kiểm tra bộ chỉ tiêu (xem docs/vi/suites.md).",
    "Check suite files (names of built-in suites or YAML paths): schema, values against the\n"
    "direction and the ranges, names too close to tell apart, years with no value; one\n"
    "statistics line per file. Exit status 1 when there is an error or a warning.":
        "Kiểm tra tệp bộ chỉ tiêu (tên bộ chỉ tiêu có sẵn hoặc đường dẫn tệp YAML): cấu trúc, giá trị so với "
        "chiều tốt lên và khoảng hợp lệ, tên chỉ tiêu quá giống nhau, năm không có giá trị; mỗi tệp một dòng "
        "thống kê. Mã thoát 1 khi có lỗi hoặc cảnh báo.",
    "Language of the messages.  [default: PLANCHECK_LANG, else vi]": "Ngôn ngữ của các thông báo." + _DEFAULT_ENV,
    "Draft a suite from the targets a parent document states (a party programme, a national\n"
    "annex, a strategy), to check the plans that implement it: plancheck lint PLAN --suite FILE.":
        "Soạn bộ chỉ tiêu từ các mục tiêu mà văn bản cấp trên nêu (chương trình hành động, phụ lục của văn bản "
        "trung ương, chiến lược), để kiểm tra các kế hoạch thực hiện văn bản đó: "
        "plancheck lint KẾ_HOẠCH --suite TỆP.",
    "The suite file to write.": "Tệp bộ chỉ tiêu sẽ ghi ra.",
    "The suite's name (default: from the parent's number).":
        "Tên bộ chỉ tiêu (mặc định: lấy từ số hiệu của văn bản cấp trên).",
    # ---------------------------------------------------------------- serve
    "Start the local web page: drop a plan, read its findings, download the workbook.":
        "Mở trang web trên máy: thả tệp kế hoạch vào, xem các phát hiện, tải về sổ theo dõi (Excel).",
    "Address to listen on (local only by default).": "Địa chỉ lắng nghe (mặc định chỉ trong máy này).",
    "Start the web page: drop a plan, read its findings, download the workbook.":
        "Mở trang web: thả tệp kế hoạch vào, xem các phát hiện, tải về sổ theo dõi (Excel).",
    "Address to listen on (this machine only by default; 0.0.0.0: every interface).":
        "Địa chỉ lắng nghe (mặc định chỉ máy này; 0.0.0.0: mọi giao diện mạng).",
    "Also answer requests addressed to this name (repeatable): the name reviewers type.":
        "Nhận thêm yêu cầu gửi tới tên này (dùng được nhiều lần): tên máy mà người rà soát gõ vào trình duyệt.",
    "Address of a reverse proxy whose X-Forwarded-For/-Host/-Proto/-Port are believed.":
        "Địa chỉ của máy chủ trung gian (reverse proxy) được tin các tiêu đề X-Forwarded-For/-Host/-Proto/-Port.",
    "One line per request (no file names or contents), appended to FILE; -: standard error.":
        "Mỗi yêu cầu một dòng (không ghi tên hay nội dung tệp), ghi nối vào TỆP; -: màn hình (stderr); off: không ghi.",
    "Language of the start-up lines and the page's first view.  [default: PLANCHECK_LANG, else vi]":
        "Ngôn ngữ của các dòng thông báo khi khởi động và của trang khi mở." + _DEFAULT_ENV,
    "Open the page in the default web browser.": "Mở trang trong trình duyệt mặc định.",
}

# the texts of click (its version 8), looked up by click with gettext
CLICK = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu tên lệnh.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn {name}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong số: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Got unexpected extra argument ({args})": "Có đối số thừa ({args})",
    "Got unexpected extra arguments ({args})": "Có các đối số thừa ({args})",
    "Aborted!": "Đã dừng!",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các giá trị {choices}.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng cho phép {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải là giá trị đúng/sai. Các giá trị được chấp nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải là UUID hợp lệ.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng định dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các định dạng {formats}.",
    "{name} {filename!r} does not exist.": "Không tìm thấy {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không có quyền đọc {filename!r}.",
    "{name} {filename!r} is not writable.": "Không có quyền ghi {filename!r}.",
    "{name} {filename!r} is not executable.": "Không có quyền chạy {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} cần {nargs} giá trị.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "{len_type} values are required, but {len_value} was given.": "Cần {len_type} giá trị, nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Cần {len_type} giá trị, nhưng có {len_value}.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "deprecated": "không còn dùng",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Do you want to continue?": "Tiếp tục?",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục...",
}

MESSAGES = {**HELP, **CLICK}
