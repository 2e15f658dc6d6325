// plancheck page: all document text is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var T = {
    vi: {
      title: "Kiểm tra chỉ tiêu kế hoạch",
      subtitle: "Thả kế hoạch (.docx, .txt, .md, .xlsx, .csv) vào đây để xem những chỉ tiêu cần sửa trước khi ký.",
      drop: "Kéo và thả tệp vào đây", drophelp: "hoặc chọn tệp từ máy tính", choose: "Chọn tệp", run: "Kiểm tra",
      files: "Tệp đã kiểm tra", severity: "Mức độ", category: "Nhóm", all: "Tất cả", error: "Lỗi",
      warning: "Cảnh báo", info: "Thông tin", xlsx: "Tải bảng theo dõi (XLSX)", json: "Tải JSON",
      findings: "Các phát hiện", h_sev: "Mức độ", h_cat: "Nhóm", h_doc: "Văn bản", h_line: "Dòng", h_tt: "TT",
      h_row: "Chỉ tiêu", h_year: "Năm", h_value: "Giá trị ghi", h_reason: "Lý do", h_sugg: "Đề xuất sửa",
      none: "Không có phát hiện nào.", compare: "So sánh các văn bản", local: "Tệp được xử lý trên máy này, không gửi đi đâu.",
      working: "Đang kiểm tra…", done: "Đã kiểm tra {f}: {n} ({e}, {w}, {i}).",
      unreadable: "không đọc được", checked: "đã kiểm tra", failed: "Không kiểm tra được: ",
      indicator: "Chỉ tiêu", year: "Năm", status: "Trạng thái", more: "Văn bản có mức phấn đấu cao hơn",
      same: "giống nhau", different: "khác nhau", missing: "không nêu",
      show: "Hiển thị", s_different: "Khác nhau", s_missing: "Có văn bản không nêu", s_same: "Giống nhau",
      cmpsummary: "Hiển thị {shown} trên tổng số {total} chỉ tiêu-năm được so sánh ({d} khác nhau, {m} có văn bản không nêu, {s} giống nhau).",
      cats: {metadata: "Thông tin văn bản", structure: "Cấu trúc", unit: "Đơn vị", type: "Kiểu giá trị",
             range: "Miền giá trị", direction: "Chiều chỉ tiêu", typo: "Lỗi đánh máy", temporal: "Năm mốc",
             aggregate: "Chung - thành phần", missing: "Không nêu mục tiêu", consistency: "Nhất quán",
             baseline: "So với quốc gia", text: "Chính tả, tên"}
    },
    en: {
      title: "Plan target check",
      subtitle: "Drop plans (.docx, .txt, .md, .xlsx, .csv) here to see which targets need fixing before signing.",
      drop: "Drag and drop files here", drophelp: "or pick files from this computer", choose: "Choose files",
      run: "Check", files: "Files checked", severity: "Severity", category: "Category", all: "All",
      error: "Error", warning: "Warning", info: "Info", xlsx: "Download follow-up workbook (XLSX)",
      json: "Download JSON", findings: "Findings", h_sev: "Severity", h_cat: "Category", h_doc: "Document",
      h_line: "Line", h_tt: "No.", h_row: "Indicator", h_year: "Year", h_value: "Value as written",
      h_reason: "Reason", h_sugg: "Suggested correction", none: "No findings.", compare: "Comparison of the documents",
      local: "Files are processed on this computer and sent nowhere.", working: "Checking…",
      done: "Checked {f}: {n} ({e}, {w}, {i}).", unreadable: "unreadable",
      checked: "checked", failed: "Could not check: ", indicator: "Indicator", year: "Year", status: "Status",
      more: "More ambitious", same: "same", different: "different", missing: "missing",
      show: "Show", s_different: "Different", s_missing: "Missing from some document", s_same: "Same",
      cmpsummary: "{shown} of {total} indicator-years shown ({d} different, {m} missing from some document, {s} same).",
      cats: {}
    }
  };
  var lang = "vi", files = [], last = null, lastCompare = null;
  var $ = function (id) { return document.getElementById(id); };
  // the server's token, carried by this page: the API answers only requests that send it
  var TOKEN = document.querySelector('meta[name="plancheck-token"]').getAttribute("content");
  function post(url) {
    return fetch(url, {method: "POST", body: form(), headers: {"X-Plancheck-Token": TOKEN}});
  }

  function t(key) { return (T[lang][key] !== undefined) ? T[lang][key] : T.vi[key]; }
  var NOUNS = {
    vi: {file: "tệp", finding: "phát hiện", error: "lỗi", warning: "cảnh báo", info: "thông tin"},
    en: {file: "file", finding: "finding", error: "error", warning: "warning", info: "info"}
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

  function form() {
    var fd = new FormData();
    files.forEach(function (f) { fd.append("files", f, f.name); });
    return fd;
  }

  function status(text, bad) { var s = $("status"); s.textContent = text; s.classList.toggle("err", !!bad); }

  function run() {
    if (!files.length) return;
    status(t("working"));
    post("/api/lint?lang=" + lang)
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, body: j}; }); })
      .then(function (res) {
        if (!res.ok) { status(res.body.error || t("failed"), true); return; }
        last = res.body; render();
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
    last.files.forEach(function (f) {
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

  function renderRows() {
    var sev = $("f-sev").value, c = $("f-cat").value, tb = $("findings").tBodies[0];
    tb.textContent = "";
    var shown = 0;
    last.findings.forEach(function (f) {
      if ((sev && f.severity !== sev) || (c && f.category !== c)) return;
      var tr = el("tr", null, f.severity);
      [[t(f.severity), "sev"], [cat(f.category)], [f.path, "doc"], [f.line, "num"], [f.row_label], [shownName(f)],
       [f.year, "num"], [f.value, "value"], [f.message], [f.suggestion, "sugg"]].forEach(function (cell) {
        tr.appendChild(el("td", cell[0] === null ? "" : cell[0], cell[1]));
      });
      tb.appendChild(tr); shown++;
    });
    $("empty").hidden = shown > 0;
    $("findings").hidden = shown === 0;
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
