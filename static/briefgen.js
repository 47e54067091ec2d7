/* briefgen: when the built site is opened straight from disk (file:),
   directory links such as "../tags/x/" would show a folder listing, so point
   them at the folder's index.html. Does nothing when the site is served. */
(function () {
  'use strict';
  if (location.protocol !== 'file:') return;
  var links = document.querySelectorAll('a[href]');
  for (var i = 0; i < links.length; i++) {
    var a = links[i];
    var href = a.getAttribute('href');
    // Only relative references: skip "scheme:", "//host", "/absolute", "#frag", "?query".
    if (!href || /^[a-zA-Z][a-zA-Z0-9+.\-]*:/.test(href) || /^[\/#?]/.test(href)) continue;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? '' : href.slice(cut);
    if (path === '.' || path === '..') path += '/';
    if (path.charAt(path.length - 1) === '/') {
      a.setAttribute('href', path + 'index.html' + rest);
    }
  }
})();
