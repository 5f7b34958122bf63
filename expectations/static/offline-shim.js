/* Offline stand-in for the bootstrap-table plugin GX Data Docs load from a CDN:
   renders the columns and rows it is given as a plain Bootstrap table with clickable rows. */
(function ($) {
  if (!$ || $.fn.bootstrapTable) { return; }
  $.fn.bootstrapTable = function (options) {
    if (typeof options !== "object") { return this; }
    var columns = (options.columns || []).filter(function (c) { return c.visible !== false && c.visible !== "false"; });
    var rows = (options.data || []).slice();
    if (options.sortName) {
      var key = options.sortName, desc = options.sortOrder === "desc";
      rows.sort(function (a, b) { var x = String(a[key] || ""), y = String(b[key] || ""); return desc ? (y > x ? 1 : -1) : (x > y ? 1 : -1); });
    }
    return this.each(function () {
      var table = $(this).addClass("table table-hover table-sm").empty();
      var head = $("<tr>");
      columns.forEach(function (c) { head.append($("<th>").text(c.title || c.field)); });
      table.append($("<thead>").append(head));
      var body = $("<tbody>");
      rows.forEach(function (row) {
        var tr = $("<tr>").addClass("clickable-row").css("cursor", "pointer");
        if (row._table_row_link_path) { tr.on("click", function () { window.location = row._table_row_link_path; }); }
        columns.forEach(function (c) { tr.append($("<td>").html(row[c.field] === undefined ? "" : row[c.field])); });
        body.append(tr);
      });
      table.append(body);
    });
  };
})(window.jQuery);
