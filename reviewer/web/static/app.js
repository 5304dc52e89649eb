// The workbench's only script: drag-and-drop upload with progress per file, filter and sort, refresh.
(function () {
  "use strict";
  var drop = document.getElementById("drop");
  var input = document.getElementById("file-input");
  var list = document.getElementById("progress");

  function upload(files) {
    var pending = files.length;
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      var label = document.createElement("span");
      label.textContent = " " + file.name + "：上传中";
      item.appendChild(bar); item.appendChild(label); list.appendChild(item);
      var data = new FormData();
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/reports");
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = 100 * e.loaded / e.total; } };
      xhr.onload = function () {
        bar.value = 100;
        if (xhr.status === 201) {
          var reports = JSON.parse(xhr.responseText).reports;
          label.textContent = " " + file.name + "：已上传 " + reports.length + " 份，" +
            reports.map(function (r) { return r.duplicate ? "已审阅过" : (r.status === "error" ? "无法审阅" : "排队审阅"); }).join("、");
        } else {
          var message = "上传失败";
          try { message = JSON.parse(xhr.responseText).error; } catch (e) { /* not JSON */ }
          label.textContent = " " + file.name + "：" + message;
        }
        pending -= 1;
        if (pending === 0) { poll(); }
      };
      xhr.onerror = function () { label.textContent = " " + file.name + "：网络错误"; pending -= 1; };
      xhr.send(data);
    });
  }

  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/reports");
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var body = JSON.parse(xhr.responseText);
      var busy = document.getElementById("busy");
      if (busy) { busy.textContent = body.busy ? "正在审阅 " + body.busy + " 份……" : ""; }
      if (body.busy) { setTimeout(poll, 1500); } else { window.location.reload(); }
    };
    xhr.send();
  }

  if (drop && input) {
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) { upload(e.dataTransfer.files); });
    input.addEventListener("change", function () { upload(input.files); input.value = ""; });
    var submit = document.getElementById("upload-submit");
    if (submit) { submit.style.display = "none"; }
    var busy = document.getElementById("busy");
    if (busy && busy.getAttribute("data-busy") !== "0") { setTimeout(poll, 1500); }
  }

  var filter = document.getElementById("filter");
  var table = document.getElementById("reports");
  if (filter && table) {
    filter.addEventListener("input", function () {
      var needle = filter.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.style.display = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0 ? "" : "none";
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var ascending = true;
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          var p = x.getAttribute("data-value") || x.textContent, q = y.getAttribute("data-value") || y.textContent;
          var c = kind === "num" ? parseFloat(p) - parseFloat(q) : p.localeCompare(q, "zh-CN");
          return ascending ? c : -c;
        });
        ascending = !ascending;
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  var refresh = document.querySelector("[data-refresh]");
  if (refresh) { setTimeout(function () { window.location.reload(); }, 2000); }
})();
