using System.Security.Cryptography;
using System.Text;

namespace ConformanceKit.Reports.Html;

/// <summary>
/// The pages' one script: the filters (failures only, level, section, free text) over every element marked
/// <c>data-check</c>, opening the check a link's fragment names, and opening the failing checks for printing.
/// It reads text with <c>textContent</c> and writes it only with <c>textContent</c>, never as markup. The page's
/// Content-Security-Policy allows exactly this script by its SHA-256 hash (<see cref="Hash"/>), so nothing
/// else, inline or injected, can run. Without script the filter form stays hidden and every check is still
/// there, in <c>details</c> elements.
/// </summary>
internal static class ReportScript
{
    public const string Source = """
        (function () {
          'use strict';
          var form = document.getElementById('filters');
          var items = Array.prototype.slice.call(document.querySelectorAll('[data-check]'));
          var counted = items.filter(function (el) { return el.hasAttribute('data-count'); });
          var shown = document.getElementById('shown');
          function matches(el, f) {
            if (f.failures && el.getAttribute('data-failing') !== 'yes') { return false; }
            if (f.level && el.getAttribute('data-level') !== f.level) { return false; }
            var section = el.getAttribute('data-section') || '';
            if (f.section && section !== f.section && section.indexOf(f.section + '.') !== 0) { return false; }
            return !f.text || (el.textContent || '').toLowerCase().indexOf(f.text) >= 0;
          }
          function apply() {
            var f = {
              failures: form.elements.namedItem('failures').checked,
              level: form.elements.namedItem('level').value,
              section: form.elements.namedItem('section').value,
              text: form.elements.namedItem('q').value.trim().toLowerCase()
            };
            var n = 0;
            items.forEach(function (el) {
              var ok = matches(el, f);
              el.hidden = !ok;
              if (ok && el.hasAttribute('data-count')) { n++; }
            });
            shown.textContent = 'showing ' + n + ' of ' + counted.length + ' checks';
          }
          function reveal() {
            var id;
            try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
            var target = id ? document.getElementById(id) : null;
            if (!target) { return; }
            for (var el = target; el; el = el.parentElement) {
              if (el.tagName === 'DETAILS') { el.open = true; }
              if (el.hidden) { el.hidden = false; }
            }
            target.scrollIntoView();
          }
          if (form) {
            form.hidden = false;
            form.addEventListener('input', apply);
            form.addEventListener('change', apply);
            form.addEventListener('submit', function (e) { e.preventDefault(); });
            form.addEventListener('reset', function () { setTimeout(apply, 0); });
            apply();
          }
          window.addEventListener('hashchange', reveal);
          reveal();
          var opened = [];
          window.addEventListener('beforeprint', function () {
            document.querySelectorAll('details.check.failing:not([open])').forEach(function (d) {
              if (!d.hidden) { d.open = true; opened.push(d); }
            });
          });
          window.addEventListener('afterprint', function () {
            opened.forEach(function (d) { d.open = false; });
            opened = [];
          });
        })();
        """;

    /// <summary>The base64 SHA-256 of <see cref="Source"/>, as the CSP's <c>script-src 'sha256-...'</c> names it.</summary>
    public static string Hash { get; } = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Source)));
}
