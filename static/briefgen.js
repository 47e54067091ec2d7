/* briefgen default theme script. Everything here is progressive enhancement:
   every page works without it. */

/* When the built site is opened straight from disk (file:), directory links
   such as "../tags/x/" would show a folder listing, so point them (and the
   search form) at the folder's index.html. Does nothing when the site is served. */
(function () {
  'use strict';
  if (location.protocol !== 'file:') return;
  // Only relative references: skip "scheme:", "//host", "/absolute", "#frag", "?query".
  function toIndex(href) {
    if (!href || /^[a-zA-Z][a-zA-Z0-9+.\-]*:/.test(href) || /^[\/#?]/.test(href)) return null;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? '' : href.slice(cut);
    if (path === '.' || path === '..') path += '/';
    return path.charAt(path.length - 1) === '/' ? path + 'index.html' + rest : null;
  }
  var links = document.querySelectorAll('a[href]');
  for (var i = 0; i < links.length; i++) {
    var rewritten = toIndex(links[i].getAttribute('href'));
    if (rewritten) links[i].setAttribute('href', rewritten);
  }
  var forms = document.querySelectorAll('form[action]');
  for (var j = 0; j < forms.length; j++) {
    var action = toIndex(forms[j].getAttribute('action'));
    if (action) forms[j].setAttribute('action', action);
  }
})();

/* "Copy" buttons for the citation formats, made here (they would be dead
   without the Clipboard API or this script): one after each citation text that
   carries data-copy-label, labelled with the section's status element's
   data-copy. Buttons a custom template writes itself (`hidden`, with
   data-copy-target) are shown and wired the same way. The result is announced
   through the section's role="status" region. */
(function () {
  'use strict';
  function makeButtons() {
    var texts = document.querySelectorAll('.cite-text[id][data-copy-label]');
    Array.prototype.forEach.call(texts, function (target) {
      var section = target.closest('section') || document;
      var status = section.querySelector('.copy-status');
      var next = target.nextElementSibling;
      if (next && next.classList.contains('copy-button')) return;
      var label = target.getAttribute('data-copy-label');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.setAttribute('data-copy-target', target.id);
      button.setAttribute('data-copy-label', label);
      button.hidden = true;
      button.appendChild(document.createTextNode((status && status.getAttribute('data-copy')) || 'Copy'));
      var hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = ' ' + label;
      button.appendChild(hidden);
      target.parentNode.insertBefore(button, target.nextSibling);
    });
  }
  function init() {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    makeButtons();
    var buttons = document.querySelectorAll('.copy-button[data-copy-target]');
    if (!buttons.length) return;
    Array.prototype.forEach.call(buttons, function (button) {
      var target = document.getElementById(button.getAttribute('data-copy-target'));
      if (!target) return;
      var section = button.closest('section') || document;
      var status = section.querySelector('.copy-status');
      var label = button.getAttribute('data-copy-label') || 'Text';
      // Messages in the page's language, from the status element (article.html); English
      // when a custom template leaves them out.
      var text = function (name, fallback) {
        var value = status && status.getAttribute('data-' + name);
        return (value || fallback).replace('{label}', label);
      };
      var original = button.innerHTML;
      var timer = null;
      function announce(message) {
        if (!status) return;
        // Clear first so the same message is announced again on a second click.
        status.textContent = '';
        window.setTimeout(function () { status.textContent = message; }, 50);
      }
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          button.textContent = text('copied', 'Copied');
          button.classList.add('is-copied');
          announce(text('copied-status', 'Copied: {label}.'));
          window.clearTimeout(timer);
          timer = window.setTimeout(function () {
            button.innerHTML = original;
            button.classList.remove('is-copied');
          }, 2500);
        }, function () {
          announce(text('copy-failed', 'Could not copy. Select the {label} and copy it yourself.'));
        });
      });
      button.hidden = false;
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();

/* The Menu button of narrow screens (see style.css): shown only when this script runs, so
   without it the navigation stays an unfolded list. Escape folds it again. */
(function () {
  'use strict';
  var button = document.querySelector('.nav-toggle[aria-controls]');
  var nav = button && document.getElementById(button.getAttribute('aria-controls'));
  if (!nav) return;
  function isOpen() { return button.getAttribute('aria-expanded') === 'true'; }
  button.addEventListener('click', function () {
    button.setAttribute('aria-expanded', String(!isOpen()));
  });
  document.addEventListener('keydown', function (event) {
    var inside = event.target === button || nav.contains(event.target);
    if (event.key !== 'Escape' || !isOpen() || !inside) return;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  });
  button.hidden = false;
})();
