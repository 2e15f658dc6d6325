// plancheck page: all document text is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var T = {
    vi: {
      title: "Kiểm tra chỉ tiêu kế hoạch",
      subtitle: "Thả kế hoạch (.docx, .doc, .pdf, .txt, .md, .xlsx, .csv) vào đây để xem những chỉ tiêu cần sửa trước khi ký.",
      drop: "Kéo và thả tệp vào đây", drophelp: "hoặc chọn tệp từ máy tính", choose: "Chọn tệp", run: "Kiểm tra",
      files: "Tệp đã kiểm tra", severity: "Mức độ", category: "Nhóm", all: "Tất cả", error: "Lỗi",
      warning: "Cảnh báo", info: "Thông tin", xlsx: "Tải bảng theo dõi (XLSX)", json: "Tải JSON",
      findings: "Các phát hiện", h_sev: "Mức độ", h_cat: "Nhóm", h_doc: "Văn bản", h_where: "Vị trí", h_tt: "TT",
      h_row: "Chỉ tiêu", h_year: "Năm", h_value: "Giá trị ghi", h_reason: "Lý do", h_sugg: "Đề xuất sửa",
      none: "Không có phát hiện nào.", compare: "So sánh các văn bản", local: "Tệp được xử lý trên máy này, không gửi đi đâu.",
      working: "Đang kiểm tra…", done: "Đã kiểm tra {f}: {n} ({e}, {w}, {i}).",
      unreadable: "không đọc được", checked: "đã kiểm tra", failed: "Không kiểm tra được: ",
      indicator: "Chỉ tiêu", year: "Năm", status: "Trạng thái", more: "Văn bản có mức phấn đấu cao hơn",
      same: "giống nhau", different: "khác nhau", missing: "không nêu",
      show: "Hiển thị", s_different: "Khác nhau", s_missing: "Có văn bản không nêu", s_same: "Giống nhau",
      cmpsummary: "Hiển thị {shown} trên tổng số {total} chỉ tiêu-năm được so sánh ({d} khác nhau, {m} có văn bản không nêu, {s} giống nhau).",
      annotated: "Tải bản có nhận xét", annotating: "đang tạo bản có nhận xét…", annotated_done: "đã tải {name} ({n})",
      annotated_docx: "Bản sao của tệp Word, mỗi phát hiện là một nhận xét (comment) tại ô hoặc đoạn có vấn đề",
      annotated_xlsx: "Bản sao của bảng tính, mỗi ô có vấn đề được tô màu và có nhận xét (comment)",
      cats: {metadata: "Thông tin văn bản", structure: "Cấu trúc", unit: "Đơn vị", type: "Kiểu giá trị",
             range: "Miền giá trị", direction: "Chiều chỉ tiêu", typo: "Lỗi đánh máy", temporal: "Năm mốc",
             aggregate: "Chung - thành phần", missing: "Không nêu mục tiêu", consistency: "Nhất quán",
             baseline: "So với quốc gia", text: "Chính tả, tên"}
    },
    en: {
      title: "Plan target check",
      subtitle: "Drop plans (.docx, .doc, .pdf, .txt, .md, .xlsx, .csv) here to see which targets need fixing before signing.",
      drop: "Drag and drop files here", drophelp: "or pick files from this computer", choose: "Choose files",
      run: "Check", files: "Files checked", severity: "Severity", category: "Category", all: "All",
      error: "Error", warning: "Warning", info: "Info", xlsx: "Download follow-up workbook (XLSX)",
      json: "Download JSON", findings: "Findings", h_sev: "Severity", h_cat: "Category", h_doc: "Document",
      h_where: "Where", h_tt: "No.", h_row: "Indicator", h_year: "Year", h_value: "Value as written",
      h_reason: "Reason", h_sugg: "Suggested correction", none: "No findings.", compare: "Comparison of the documents",
      local: "Files are processed on this computer and sent nowhere.", working: "Checking…",
      done: "Checked {f}: {n} ({e}, {w}, {i}).", unreadable: "unreadable",
      checked: "checked", failed: "Could not check: ", indicator: "Indicator", year: "Year", status: "Status",
      more: "More ambitious", same: "same", different: "different", missing: "missing",
      show: "Show", s_different: "Different", s_missing: "Missing from some document", s_same: "Same",
      cmpsummary: "{shown} of {total} indicator-years shown ({d} different, {m} missing from some document, {s} same).",
      annotated: "Download the annotated copy", annotating: "making the annotated copy…",
      annotated_done: "downloaded {name} ({n})",
      annotated_docx: "A copy of the Word file with one comment per finding on the offending cell or paragraph",
      annotated_xlsx: "A copy of the workbook with a fill and a comment on each offending cell",
      cats: {}
    }
  };
  var lang = "vi", files = [], sent = [], last = null, lastCompare = null;
  var $ = function (id) { return document.getElementById(id); };
  // the server's token, carried by this page: the API answers only requests that send it
  var TOKEN = document.querySelector('meta[name="plancheck-token"]').getAttribute("content");
  function post(url, list) {
    return fetch(url, {method: "POST", body: form(list || files), headers: {"X-Plancheck-Token": TOKEN}});
  }

  function t(key) { return (T[lang][key] !== undefined) ? T[lang][key] : T.vi[key]; }
  var NOUNS = {
    vi: {file: "tệp", finding: "phát hiện", error: "lỗi", warning: "cảnh báo", info: "thông tin", comment: "nhận xét"},
    en: {file: "file", finding: "finding", error: "error", warning: "warning", info: "info", comment: "comment"}
  };
  // "1 finding", "3 findings" in English; Vietnamese nouns do not change
  function counted(n, noun) {
    var w = (NOUNS[lang] || NOUNS.vi)[noun];
    return n + " " + (lang === "en" && n !== 1 && noun !== "info" ? w + "s" : w);
  }
  function cat(c) { return (T[lang].cats && T[lang].cats[c]) || c; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function applyLang() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach(function (n) { n.textContent = t(n.getAttribute("data-t")); });
    $("lang-vi").classList.toggle("on", lang === "vi"); $("lang-vi").setAttribute("aria-pressed", lang === "vi");
    $("lang-en").classList.toggle("on", lang === "en"); $("lang-en").setAttribute("aria-pressed", lang === "en");
    document.title = "plancheck - " + t("title");
  }

  function setFiles(list) {
    files = Array.prototype.slice.call(list);
    var ul = $("chosen"); ul.textContent = "";
    files.forEach(function (f) { ul.appendChild(el("li", f.name)); });
    $("run").disabled = files.length === 0;
  }

  function form(list) {
    var fd = new FormData();
    list.forEach(function (f) { fd.append("files", f, f.name); });
    return fd;
  }

  function status(text, bad) { var s = $("status"); s.textContent = text; s.classList.toggle("err", !!bad); }

  function run() {
    if (!files.length) return;
    status(t("working"));
    var batch = files.slice();
    post("/api/lint?lang=" + lang, batch)
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, body: j}; }); })
      .then(function (res) {
        if (!res.ok) { status(res.body.error || t("failed"), true); return; }
        last = res.body; sent = batch; render();
        if (files.length >= 2) compare(); else { $("compare").hidden = true; }
      })
      .catch(function (e) { status(String(e), true); });
  }

  function compare() {
    post("/api/compare?lang=" + lang)
      .then(function (r) { return r.json(); })
      .then(function (j) { lastCompare = j; renderCompare(); });
  }

  function render() {
    var s = last.summary;
    status(t("done").replace("{f}", counted(s.files, "file")).replace("{n}", counted(s.total, "finding"))
      .replace("{e}", counted(s.by_severity.error, "error")).replace("{w}", counted(s.by_severity.warning, "warning"))
      .replace("{i}", counted(s.by_severity.info, "info")));
    var fl = $("filelist"); fl.textContent = "";
    last.files.forEach(function (f, i) {
      var li = el("li");
      li.appendChild(el("strong", f.path));
      if (f.status === "error") {
        li.appendChild(el("span", " - " + t("unreadable") + ": " + f.error, "bad"));
      } else {
        li.appendChild(el("span", " - " + t("checked")));
        var mine = last.findings.filter(function (x) { return x.path === f.path; });
        ["error", "warning", "info"].forEach(function (sv) {
          var n = mine.filter(function (x) { return x.severity === sv; }).length;
          var b = el("span", n, "badge b-" + sv); b.title = t(sv); li.appendChild(b);
        });
        offerAnnotated(li, f, sent[i]);
      }
      fl.appendChild(li);
    });
    var sel = $("f-cat"), keep = sel.value; sel.textContent = "";
    var o = el("option", t("all")); o.value = ""; sel.appendChild(o);
    Array.from(new Set(last.findings.map(function (x) { return x.category; }))).sort().forEach(function (c) {
      var op = el("option", cat(c)); op.value = c; sel.appendChild(op);
    });
    sel.value = keep;
    renderRows();
    $("results").hidden = false;
  }

  var HEADS = ["h_sev", "h_cat", "h_doc", "h_where", "h_tt", "h_row", "h_year", "h_value", "h_reason", "h_sugg"];

  function renderRows() {
    var sev = $("f-sev").value, c = $("f-cat").value, tb = $("findings").tBodies[0];
    tb.textContent = "";
    var shown = 0;
    last.findings.forEach(function (f) {
      if ((sev && f.severity !== sev) || (c && f.category !== c)) return;
      var tr = el("tr", null, f.severity);
      [[t(f.severity), "sev"], [cat(f.category), "cat"], [f.path, "doc"], [where(f), "where"], [f.row_label, "tt"],
       [shownName(f), "row"], [f.year, "num"], [f.value, "value"], [f.message, "reason"], [f.suggestion, "sugg"]]
        .forEach(function (cell, i) {
          var td = el("td", cell[0] === null || cell[0] === undefined ? "" : cell[0], cell[1]);
          td.setAttribute("data-label", t(HEADS[i]));  // the column's name, shown on a narrow screen's card
          tr.appendChild(td);
        });
      tb.appendChild(tr); shown++;
    });
    $("empty").hidden = shown > 0;
    $("findings").hidden = shown === 0;
  }

  var PLACE = {
    vi: {page: "trang", line: "dòng", paragraph: "đoạn", table: "bảng", row: "hàng", column: "cột"},
    en: {page: "page", line: "line", paragraph: "paragraph", table: "table", row: "row", column: "column"}
  };
  // where a finding is, as the text and HTML reports say it (reporters.where, Location.describe):
  // the line of a text file, the cell of a Word table, the cell of a sheet, the page of a PDF
  function describe(loc) {
    var w = PLACE[lang] || PLACE.vi, parts = [];
    if (loc.page != null) parts.push(w.page + " " + loc.page);
    if (loc.sheet != null && loc.cell != null) parts.push(loc.sheet + "!" + loc.cell);
    else if (loc.sheet != null) parts.push(loc.sheet);
    else ["line", "paragraph", "table", "row", "column"].forEach(function (k) {
      if (loc[k] != null) parts.push(w[k] + " " + loc[k]);
    });
    return parts.join(", ");
  }
  function where(f) {
    var loc = f.location || {};
    if (loc.sheet != null || (f.line == null && Object.keys(loc).length)) return describe(loc);
    if (f.line != null) return String(f.line);
    return f.row_label ? "TT " + f.row_label : "";
  }

  // the annotated copy, for a Word or Excel file that was read (a .doc is read as Word, but
  // only a .docx - a zip container - can take the comments): a button on the file's line
  function offerAnnotated(li, f, file) {
    if (!file || (f.layout !== "docx" && f.layout !== "xlsx")) return;
    file.slice(0, 4).arrayBuffer().then(function (buf) {
      var b = new Uint8Array(buf);
      if (!(b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4)) return;
      var button = el("button", t("annotated"), "annotate");
      button.type = "button"; button.title = t("annotated_" + f.layout);
      var note = el("span", "", "note");
      button.addEventListener("click", function () { annotated(file, button, note); });
      li.appendChild(button); li.appendChild(note);
    }, function () { /* the file can no longer be read: no button */ });
  }

  function annotated(file, button, note) {
    button.disabled = true; note.textContent = t("annotating"); note.classList.remove("bad");
    post("/api/annotate?lang=" + lang, [file])
      .then(function (r) {
        if (!r.ok) return r.json().then(function (j) { throw new Error(j.error || t("failed")); });
        var name = attachmentName(r.headers.get("Content-Disposition")) || file.name;
        var n = Number(r.headers.get("X-Plancheck-Findings") || 0);
        return r.blob().then(function (blob) {
          download(blob, name);
          note.textContent = t("annotated_done").replace("{name}", name).replace("{n}", counted(n, "comment"));
        });
      })
      .catch(function (e) { note.textContent = e.message || String(e); note.classList.add("bad"); })
      .then(function () { button.disabled = false; });
  }

  // the file name the server gives (RFC 6266: filename*, else filename)
  function attachmentName(header) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(header || "");
    if (m) { try { return decodeURIComponent(m[1]); } catch (e) { /* the plain name below */ } }
    m = /filename="?([^";]+)"?/i.exec(header || "");
    return m ? m[1] : null;
  }

  // the indicator as a reader knows it: the name as printed, or the suite's name for a bare id
  function shownName(f) {
    return (f.row_name && f.row_name !== f.indicator) ? f.row_name : (f.indicator_name || f.row_name);
  }

  function renderCompare() {
    var j = lastCompare, box = $("compare");
    if (!j || !j.discrepancies) { box.hidden = true; return; }
    var want = $("cmp-status").value;
    var rows = j.discrepancies.filter(function (d) { return want === "all" || d.status === want; });
    var n = {different: 0, missing: 0, same: 0};
    j.discrepancies.forEach(function (d) { n[d.status]++; });
    $("cmp-summary").textContent = t("cmpsummary").replace("{shown}", rows.length)
      .replace("{total}", j.discrepancies.length).replace("{d}", n.different).replace("{m}", n.missing)
      .replace("{s}", n.same);
    var th = $("cmp").tHead, tb = $("cmp").tBodies[0];
    th.textContent = ""; tb.textContent = "";
    var hr = el("tr");
    [t("indicator"), t("year")].concat(j.documents).concat([t("status"), t("more")]).forEach(function (h) {
      hr.appendChild(el("th", h));
    });
    th.appendChild(hr);
    rows.forEach(function (d) {
      var tr = el("tr");
      tr.appendChild(el("td", d.row_name)); tr.appendChild(el("td", d.year, "num"));
      j.documents.forEach(function (n) { tr.appendChild(el("td", d.values[n] === null ? "-" : d.values[n], "value")); });
      tr.appendChild(el("td", t(d.status), d.status));
      tr.appendChild(el("td", (d.more_ambitious || []).join(", ")));
      tb.appendChild(tr);
    });
    $("cmp").hidden = rows.length === 0;
    box.hidden = false;
  }

  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  $("files").addEventListener("change", function (e) { setFiles(e.target.files); });
  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer.files.length) setFiles(e.dataTransfer.files); });
  drop.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); }
  });
  $("run").addEventListener("click", run);
  $("f-sev").addEventListener("change", renderRows);
  $("f-cat").addEventListener("change", renderRows);
  $("cmp-status").addEventListener("change", renderCompare);
  $("dl-json").addEventListener("click", function () {
    if (last) download(new Blob([JSON.stringify(last, null, 2)], {type: "application/json"}), "plancheck.json");
  });
  $("dl-xlsx").addEventListener("click", function () {
    post("/api/report?format=xlsx&lang=" + lang)
      .then(function (r) { return r.blob(); })
      .then(function (b) { download(b, lang === "vi" ? "plancheck-theo-doi.xlsx" : "plancheck-follow-up.xlsx"); });
  });
  function switchLang(l) { lang = l; applyLang(); if (files.length && last) run(); }
  $("lang-vi").addEventListener("click", function () { switchLang("vi"); });
  $("lang-en").addEventListener("click", function () { switchLang("en"); });
  applyLang();
})();
