/* sieecon: draws the book's explorers with the site's own copy of Vega, and adds filters to ledger tables.
   No request leaves the site. Each explorer is a <figure class="sieecon-explorer"> holding its Vega-Lite
   specification in a <script type="application/json">; its controls are Vega's own bound inputs, which are
   native HTML sliders and menus (keyboard-operable, labelled). */
(function () {
  "use strict";
  window.sieeconViews = window.sieeconViews || {};

  function labelControls(el) {
    el.querySelectorAll(".vega-bind").forEach(function (bind) {
      var input = bind.querySelector("input, select");
      var name = bind.querySelector(".vega-bind-name");
      if (input && name) {
        input.setAttribute("aria-label", name.textContent.trim());
      }
      var out = bind.querySelector("span:not(.vega-bind-name)");
      if (out) { out.setAttribute("aria-live", "polite"); }
    });
  }

  function drawExplorers() {
    if (typeof vegaEmbed === "undefined") { return; }
    document.querySelectorAll(".sieecon-explorer").forEach(function (fig) {
      var specEl = fig.querySelector("script.sieecon-explorer-spec");
      var target = fig.querySelector(".sieecon-explorer-chart");
      if (!specEl || !target || fig.dataset.drawn) { return; }
      fig.dataset.drawn = "1";
      var spec = JSON.parse(specEl.textContent);
      vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function (result) {
        window.sieeconViews[fig.dataset.explorer] = result.view;
        labelControls(fig);
        fig.classList.add("sieecon-explorer-ready");
      }).catch(function (err) {
        target.textContent = "This explorer could not be drawn: " + err;
        console.error(err);
      });
    });
  }

  function filterLedgers() {
    document.querySelectorAll(".sieecon-ledger-wrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (!table || wrap.dataset.filters || table.tBodies[0].rows.length < 12) { return; }
      wrap.dataset.filters = "1";
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var docs = [], statuses = [];
      rows.forEach(function (r) {
        r.classList.forEach(function (c) {
          if (c.indexOf("doc-") === 0 && docs.indexOf(c) < 0) { docs.push(c); }
          if (c.indexOf("verdict-") === 0 && statuses.indexOf(c) < 0) { statuses.push(c); }
        });
      });
      var bar = document.createElement("div");
      bar.className = "sieecon-ledger-filters";
      function select(label, values, names) {
        var l = document.createElement("label");
        l.textContent = label + " ";
        var s = document.createElement("select");
        var all = document.createElement("option");
        all.value = ""; all.textContent = "all";
        s.appendChild(all);
        values.forEach(function (v, i) {
          var o = document.createElement("option");
          o.value = v; o.textContent = names[i];
          s.appendChild(o);
        });
        l.appendChild(s);
        bar.appendChild(l);
        return s;
      }
      var statusNames = { "verdict-reproduced": "reproduced", "verdict-reading": "reproduced with a stated reading",
                          "verdict-differs": "differs", "verdict-unchecked": "not checkable" };
      var sd = select("Document", docs, docs.map(function (d) { return d.slice(4); }));
      var ss = select("Status", statuses, statuses.map(function (s) { return statusNames[s] || s; }));
      var count = document.createElement("output");
      count.setAttribute("aria-live", "polite");
      bar.appendChild(count);
      function apply() {
        var n = 0;
        rows.forEach(function (r) {
          var show = (!sd.value || r.classList.contains(sd.value)) && (!ss.value || r.classList.contains(ss.value));
          r.hidden = !show;
          if (show) { n += 1; }
        });
        count.textContent = n + " of " + rows.length + " claims";
      }
      sd.addEventListener("change", apply);
      ss.addEventListener("change", apply);
      apply();
      wrap.insertBefore(bar, wrap.firstChild);
    });
  }

  function init() { drawExplorers(); filterLedgers(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
