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

/* "Copy" buttons for the citation formats. The buttons are `hidden` in the
   HTML and only shown when the Clipboard API is available; the result is
   announced through the section's role="status" region. */
(function () {
  'use strict';
  function init() {
    var buttons = document.querySelectorAll('.copy-button[data-copy-target]');
    if (!buttons.length || !navigator.clipboard || !navigator.clipboard.writeText) return;
    Array.prototype.forEach.call(buttons, function (button) {
      var target = document.getElementById(button.getAttribute('data-copy-target'));
      if (!target) return;
      var section = button.closest('section') || document;
      var status = section.querySelector('.copy-status');
      var label = button.getAttribute('data-copy-label') || 'Text';
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
          button.textContent = 'Copied';
          button.classList.add('is-copied');
          announce('Copied: ' + label + '.');
          window.clearTimeout(timer);
          timer = window.setTimeout(function () {
            button.innerHTML = original;
            button.classList.remove('is-copied');
          }, 2500);
        }, function () {
          announce('Could not copy. Select the ' + label + ' and copy it yourself.');
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
