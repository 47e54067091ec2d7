/* briefgen search: the query engine and the search page's behaviour.
   Written to search/search.js by briefgen's search indexer (src/search/mod.rs), whose file
   format it reads; the two change together (FORMAT).

   The index is a set of small classic scripts under search/ that call back into
   window.__briefgenSearch. Scripts, unlike fetch(), ES modules or WebAssembly, also load from
   file://, so the same page works on any static host, under any sub-path, and from disk.

   The search page (templates/search.html) provides:
     [data-search-root]           container; data-root="{{ root }}" is the site root, relative
     script[data-search-strings]  the messages below in the page's language (JSON); English
                                  for any it leaves out
     form[data-search-form]       the form; input[name=q] inside it
     select[data-filter=NAME]     one per filter (tags, regions, year …), hidden until filled
     [data-search-status]         role=status live region for result counts and errors
     ol[data-search-results]      results list
     button[data-search-more]     "More results", hidden when there are none */
(function () {
  'use strict';

  var FORMAT = 2;
  var PAGE_SIZE = 10;
  // Weight of a word reached by prefix (sanction → sanctioned) relative to the word typed, so
  // exact matches rank first.
  var PREFIX_WEIGHT = 0.7;
  // A prefix may pull in at most this many shards and words: while typing "co", every word
  // starting "co" would otherwise be fetched.
  var MAX_PREFIX_SHARDS = 3;
  var MAX_EXPANSIONS = 100;
  var SNIPPET_WORDS = 30;

  // ---------------------------------------------------------------- Tokenizer
  // Mirrors src/search/text.rs: fold, then split into runs of letters and digits; runs of CJK
  // characters become overlapping bigrams; lone ASCII letters and over-long tokens are dropped.

  var FOLDABLE = /[\u00c0-\u052f\u1e00-\u1fff]/g;
  var ACCENTS = /[\u0300-\u036f]/g;
  var FULLWIDTH = /[\uff01-\uff5e]/g;
  var WORD_RUN = /[\p{Alphabetic}\p{N}]+/gu;
  // Word runs in unfolded text also span combining accents, which folding removes.
  var RAW_WORD_RUN = /[\p{Alphabetic}\p{N}\u0300-\u036f]+/gu;
  var CJK = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
  var CJK_RUNS = /(?:[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff])+/g;
  var MAX_TOKEN_BYTES = 60;

  function fold(s) {
    return s
      .replace(FOLDABLE, function (c) { return c.normalize('NFKD').replace(ACCENTS, ''); })
      .replace(FULLWIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .toLowerCase()
      .replace(/\u03c2/g, '\u03c3');
  }

  function utf8Length(s) {
    return unescape(encodeURIComponent(s)).length;
  }

  /* Tokens of a folded string, each { text, cjk }: for a CJK run, its bigrams (all must match). */
  function tokens(folded) {
    var out = [];
    var runs = folded.match(WORD_RUN) || [];
    for (var i = 0; i < runs.length; i++) {
      var run = runs[i];
      var last = 0;
      var m;
      CJK_RUNS.lastIndex = 0;
      while ((m = CJK_RUNS.exec(run))) {
        pushWord(out, run.slice(last, m.index));
        var chars = Array.from(m[0]);
        if (chars.length === 1) out.push({ text: chars[0], cjk: true });
        for (var k = 0; k + 1 < chars.length; k++) out.push({ text: chars[k] + chars[k + 1], cjk: true });
        last = m.index + m[0].length;
      }
      pushWord(out, run.slice(last));
    }
    return out;
  }

  function pushWord(out, w) {
    if (!w) return;
    if (w.length === 1 && /[a-z]/.test(w)) return;
    if (utf8Length(w) > MAX_TOKEN_BYTES) return;
    out.push({ text: w, cjk: false });
  }

  /* English: the stem a word's inflections share, matched as a prefix (sanctions → sanction,
     defences → defenc, sanctioning → sanction). Deliberately crude: it only widens matching,
     and exact matches still rank first. */
  function englishRoot(t) {
    var n = t.length;
    if (/^[0-9]/.test(t)) return t;
    if (n > 4 && /ies$/.test(t)) return t.slice(0, -3);
    if (n > 4 && /es$/.test(t)) return t.slice(0, -2);
    if (n > 3 && /[^su]s$/.test(t)) return t.slice(0, -1);
    if (n > 5 && /ing$/.test(t)) return t.slice(0, -3);
    if (n > 4 && /ed$/.test(t)) return t.slice(0, -2);
    return t;
  }

  /* Query terms: { exact, prefix } where prefix is null for exact-only matching. The last word
     is matched as a prefix while it is being typed (no trailing space yet), from three letters. */
  function parseQuery(query, english) {
    var toks = tokens(fold(query));
    var typing = !/\s$/.test(query);
    var terms = [];
    var seen = {};
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i].text;
      if (seen[t]) continue;
      seen[t] = true;
      var prefix = null;
      if (!toks[i].cjk) {
        var root = english ? englishRoot(t) : t;
        if (root.length >= 4) prefix = root;
        else if (typing && i === toks.length - 1 && t.length >= 3) prefix = t;
      }
      terms.push({ exact: t, prefix: prefix, cjk: toks[i].cjk });
    }
    return terms;
  }

  // ---------------------------------------------------------------- Loading
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  var base = null;        // URL of the search/ folder, ending in "/"
  var manifest = null;
  var waiting = {};       // key → resolve, for scripts in flight
  var loaded = {};        // key → promise

  function settle(key, value) {
    var resolve = waiting[key];
    if (resolve) {
      delete waiting[key];
      resolve(value);
    }
  }

  var api = window.__briefgenSearch = window.__briefgenSearch || {};
  // Phase times of the last query (performance.now() values), for benchmarks.
  api.timings = {};
  api.manifest = function (m) { settle('manifest', m); };
  api.words = function (build, n, words, postings) { settle(build + ':w' + n, { words: words, postings: postings, decoded: [] }); };
  api.docs = function (build, p, records, lengths, packed) {
    settle(build + ':d' + p, { records: records, lengths: lengths, packed: packed, texts: null });
  };
  api.filters = function (build, f) { settle(build + ':f', f); };

  /* Loads a script that calls back with `key`; a script that ran without doing so belongs to
     another build (a stale cached manifest) and rejects with `stale`. */
  function load(key, url) {
    if (loaded[key]) return loaded[key];
    var p = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      waiting[key] = resolve;
      s.async = true;
      s.src = url;
      s.onload = function () {
        s.remove();
        if (waiting[key]) {
          delete waiting[key];
          var e = new Error('stale');
          e.stale = true;
          reject(e);
        }
      };
      s.onerror = function () {
        s.remove();
        delete waiting[key];
        reject(new Error('could not load ' + url));
      };
      document.head.appendChild(s);
    });
    loaded[key] = p;
    p.catch(function () { delete loaded[key]; });
    return p;
  }

  function loadManifest(bust) {
    if (bust) delete loaded.manifest;
    return load('manifest', base + 'index.js' + (bust ? '?t=' + Date.now() : '')).then(function (m) {
      if (m.format !== FORMAT) throw new Error('search index format ' + m.format + ', expected ' + FORMAT);
      manifest = m;
      return m;
    });
  }

  function chunk(kind, n) {
    var b = manifest.build;
    var name = kind === 'f' ? 'filters.js' : kind + '/' + n + '.js';
    return load(b + ':' + kind + (kind === 'f' ? '' : n), base + name + '?v=' + b);
  }

  /* The texts of a document pack: one raw-deflate stream (base64), inflated by the browser and
     split at the documents' byte lengths. Without DecompressionStream (browsers before 2023) or
     if inflating fails, results show without snippets. */
  function unpack(pack) {
    var none = pack.lengths.map(function () { return ''; });
    if (typeof DecompressionStream === 'undefined') return Promise.resolve(none);
    var bin = atob(pack.packed);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (buf) {
      var all = new Uint8Array(buf);
      var utf8 = new TextDecoder();
      var texts = [];
      var at = 0;
      for (var k = 0; k < pack.lengths.length; k++) {
        texts.push(utf8.decode(all.subarray(at, at + pack.lengths[k])));
        at += pack.lengths[k];
      }
      return texts;
    }, function () { return none; });
  }

  /* Document n of the store with its text: the pack holding it is fetched and inflated once for
     all the results it holds. */
  function docOf(n) {
    var per = manifest.docsPerPack;
    return chunk('d', Math.floor(n / per)).then(function (pack) {
      if (!pack.texts) pack.texts = unpack(pack);
      return pack.texts.then(function (texts) {
        var doc = Object.assign({}, pack.records[n % per]);
        doc.text = texts[n % per];
        return doc;
      });
    });
  }

  /* Decodes the postings of word k of a shard into { docs, impacts }. */
  function postings(shard, k) {
    var cached = shard.decoded[k];
    if (cached) return cached;
    var s = shard.postings[k];
    var docs = new Int32Array(s.length);
    var impacts = new Uint8Array(s.length);
    var count = 0;
    var prev = -1;
    var v = 0;
    for (var i = 0; i < s.length; i++) {
      var g = DIGIT[s.charCodeAt(i)];
      if (g >= 32) {
        v = v * 32 + (g - 32);
      } else {
        v = v * 32 + g;
        prev += Math.floor(v / 16) + 1;
        docs[count] = prev;
        impacts[count] = (v % 16) + 1;
        count++;
        v = 0;
      }
    }
    cached = shard.decoded[k] = { docs: docs.subarray(0, count), impacts: impacts.subarray(0, count) };
    return cached;
  }

  function decodeDocs(s) {
    var out = [];
    var prev = -1;
    var v = 0;
    for (var i = 0; i < s.length; i++) {
      var g = DIGIT[s.charCodeAt(i)];
      if (g >= 32) {
        v = v * 32 + (g - 32);
      } else {
        prev += v * 32 + g + 1;
        out.push(prev);
        v = 0;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- Query

  /* Index of the shard that would hold `word`: the last whose first word is <= it. */
  function shardOf(word) {
    var s = manifest.shards;
    var lo = 0;
    var hi = s.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] <= word) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function shardsFor(term) {
    var first = shardOf(term.prefix || term.exact);
    var out = [first];
    if (term.prefix) {
      // Following shards whose first word still starts with the prefix.
      for (var i = first + 1; i < manifest.shards.length && out.length < MAX_PREFIX_SHARDS; i++) {
        if (manifest.shards[i].lastIndexOf(term.prefix, 0) !== 0) break;
        out.push(i);
      }
    }
    return out;
  }

  function lowerBound(words, w) {
    var lo = 0;
    var hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /* The vocabulary words matching a term: [{ word, shard, k, weight }]. */
  function expand(term, shards) {
    var out = [];
    for (var i = 0; i < shards.length; i++) {
      var sh = shards[i];
      var k = lowerBound(sh.words, term.prefix || term.exact);
      if (!term.prefix) {
        if (sh.words[k] === term.exact) out.push({ word: term.exact, shard: sh, k: k, weight: 1 });
        continue;
      }
      for (; k < sh.words.length && sh.words[k].lastIndexOf(term.prefix, 0) === 0; k++) {
        var w = sh.words[k];
        out.push({ word: w, shard: sh, k: k, weight: w === term.exact ? 1 : PREFIX_WEIGHT });
      }
    }
    if (out.length > MAX_EXPANSIONS) {
      // Keep the exact word and the most frequent others (longest postings).
      out.sort(function (a, b) {
        return (b.weight - a.weight) || (b.shard.postings[b.k].length - a.shard.postings[a.k].length);
      });
      out.length = MAX_EXPANSIONS;
    }
    return out;
  }

  /* Runs a query. `filters` maps filter names to chosen values. Resolves to
     { docs: [doc numbers, best first], words: matched vocabulary words, terms }. */
  function run(query, filters, english) {
    var terms = parseQuery(query, english);
    var names = Object.keys(filters).filter(function (k) { return filters[k]; });
    var needed = [];
    var termShards = terms.map(function (t) {
      return shardsFor(t).map(function (n) {
        var p = chunk('w', n);
        needed.push(p);
        return p;
      });
    });
    var filterData = names.length ? chunk('f') : Promise.resolve(null);
    needed.push(filterData);
    return Promise.all(needed).then(function () {
      return Promise.all(termShards.map(function (ps) { return Promise.all(ps); }));
    }).then(function (shardLists) {
      return filterData.then(function (fdata) {
        var t = performance.now();
        api.timings.loaded = t;
        var r = score(terms, shardLists, names.length ? filterMask(fdata, filters, names) : null);
        api.timings.scored = performance.now();
        return r;
      });
    });
  }

  function filterMask(fdata, filters, names) {
    var n = manifest.docs;
    var mask = new Uint8Array(n);
    var need = 0;
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      var spec = null;
      for (var j = 0; j < manifest.filters.length; j++) if (manifest.filters[j].name === name) spec = manifest.filters[j];
      var idx = -1;
      if (spec) for (var v = 0; v < spec.values.length; v++) if (spec.values[v][0] === filters[name]) idx = v;
      need++;
      if (idx < 0) continue; // unknown value: nothing matches
      var docs = decodeDocs(fdata[name][idx]);
      for (var k = 0; k < docs.length; k++) if (mask[docs[k]] === need - 1) mask[docs[k]] = need;
    }
    return { mask: mask, need: need };
  }

  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  function score(terms, shardLists, filter) {
    var n = manifest.docs;
    var words = [];
    var passes = function (d) { return !filter || filter.mask[d] === filter.need; };
    if (!terms.length) {
      // Filters alone: every matching briefing, newest first.
      var all = [];
      for (var d = 0; d < n; d++) if (passes(d)) all.push(d);
      return { docs: all, words: words, terms: terms };
    }
    var total = new Float32Array(n);
    var hits = new Uint8Array(n);
    // Query terms found in each document's title: impacts from manifest.titleImpact up are only
    // reached by title words.
    var inTitle = new Uint8Array(n);
    var titleStamp = new Int32Array(n);
    var best = new Float32Array(n);
    for (var t = 0; t < terms.length; t++) {
      var matches = expand(terms[t], shardLists[t]);
      if (!matches.length) return { docs: [], words: words, terms: terms };
      best.fill(0);
      // An expansion (sanctioned for sanction) never weighs more than the word typed, even
      // when it is rarer.
      var exactIdf = Infinity;
      for (var x = 0; x < matches.length; x++) {
        if (matches[x].weight === 1) exactIdf = idf(n, postings(matches[x].shard, matches[x].k).docs.length);
      }
      for (var m = 0; m < matches.length; m++) {
        var p = postings(matches[m].shard, matches[m].k);
        words.push(matches[m].word);
        var df = p.docs.length;
        var wgt = matches[m].weight * Math.min(idf(n, df), exactIdf);
        for (var i = 0; i < df; i++) {
          var doc = p.docs[i];
          var v = wgt * p.impacts[i];
          if (v > best[doc]) best[doc] = v;
          if (p.impacts[i] >= manifest.titleImpact && titleStamp[doc] !== t + 1) {
            titleStamp[doc] = t + 1;
            inTitle[doc]++;
          }
        }
      }
      for (var e = 0; e < n; e++) {
        if (best[e] > 0) {
          total[e] += best[e];
          hits[e]++;
        }
      }
    }
    // Briefings whose title holds every query word first (a reader typing a title should find
    // it first), then by score, then by document number (newest first). One typed-array sort:
    // a non-negative float32's bits order like its value, so (tier, inverted score bits,
    // document) pack into an exact float64 key (1 + 32 + 20 bits).
    var bits = new Uint32Array(total.buffer);
    var keys = [];
    for (var f = 0; f < n; f++) {
      if (hits[f] !== terms.length || !passes(f)) continue;
      var tier = inTitle[f] === terms.length ? 0 : 4294967296;
      keys.push((tier + 0xffffffff - bits[f]) * 1048576 + f);
    }
    var sorted = Float64Array.from(keys).sort();
    var found = new Array(sorted.length);
    for (var k = 0; k < sorted.length; k++) found[k] = sorted[k] % 1048576;
    return { docs: found, words: words, terms: terms };
  }

  // ---------------------------------------------------------------- Highlighting

  function matcher(result) {
    var set = {};
    result.words.forEach(function (w) { set[w] = true; });
    var cjk = result.terms.filter(function (t) { return t.cjk; }).map(function (t) { return t.exact; });
    return { words: set, cjk: cjk };
  }

  /* Splits text into [{ text, mark }] pieces. */
  function marks(text, match) {
    var ranges = [];
    var m;
    RAW_WORD_RUN.lastIndex = 0;
    while ((m = RAW_WORD_RUN.exec(text))) {
      var run = m[0];
      if (CJK.test(run)) {
        for (var c = 0; c < match.cjk.length; c++) {
          var at = run.indexOf(match.cjk[c]);
          while (at >= 0) {
            ranges.push([m.index + at, m.index + at + match.cjk[c].length]);
            at = run.indexOf(match.cjk[c], at + 1);
          }
        }
        continue;
      }
      if (match.words[fold(run)]) ranges.push([m.index, m.index + run.length]);
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    var pos = 0;
    for (var i = 0; i < ranges.length; i++) {
      var r = ranges[i];
      if (r[0] < pos) r[0] = pos;
      if (r[1] <= r[0]) continue;
      if (r[0] > pos) out.push({ text: text.slice(pos, r[0]), mark: false });
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      pos = r[1];
    }
    if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
    return out;
  }

  /* Whether a word run of the document text matches the query. `low` is the folded word. */
  function runMatches(run, low, match) {
    if (match.words[low] === true) return true;
    if (!match.cjk.length || !CJK.test(run)) return false;
    for (var c = 0; c < match.cjk.length; c++) if (run.indexOf(match.cjk[c]) >= 0) return true;
    return false;
  }

  /* The stretch of `text` around the best cluster of matches, about SNIPPET_WORDS words, as
     marked pieces. One pass over the text: it is what every shown result costs. */
  function snippet(text, match) {
    // Fold the whole text once; folding almost never changes its length, and when it does,
    // fold word by word instead.
    var folded = fold(text);
    var aligned = folded.length === text.length;
    var starts = [];
    var ends = [];
    var hits = [];
    var m;
    RAW_WORD_RUN.lastIndex = 0;
    while ((m = RAW_WORD_RUN.exec(text))) {
      var s = m.index;
      var e = s + m[0].length;
      starts.push(s);
      ends.push(e);
      hits.push(runMatches(m[0], aligned ? folded.slice(s, e) : fold(m[0]), match) ? 1 : 0);
    }
    var n = starts.length;
    if (!n) return [];
    // The window of SNIPPET_WORDS words with the most matches (first such window wins).
    var bestStart = 0;
    var bestHits = -1;
    var sum = 0;
    for (var i = 0; i < n; i++) {
      sum += hits[i];
      if (i >= SNIPPET_WORDS) sum -= hits[i - SNIPPET_WORDS];
      if (sum > bestHits) {
        bestHits = sum;
        bestStart = Math.max(0, i - SNIPPET_WORDS + 1);
      }
    }
    // Lead in with a few words of context before the window's first match.
    if (bestHits > 0) {
      var first = bestStart;
      while (!hits[first]) first++;
      bestStart = Math.max(0, first - 6);
    }
    var last = Math.min(n, bestStart + SNIPPET_WORDS) - 1;
    var from = bestStart === 0 ? 0 : starts[bestStart];
    var to = last === n - 1 ? text.length : ends[last];
    var parts = marks(text.slice(from, to), match);
    if (from > 0) parts.unshift({ text: '… ', mark: false });
    if (to < text.length) parts.push({ text: ' …', mark: false });
    return parts;
  }

  function appendMarked(el, parts) {
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].mark) {
        var mk = document.createElement('mark');
        mk.textContent = parts[i].text;
        el.appendChild(mk);
      } else {
        el.appendChild(document.createTextNode(parts[i].text));
      }
    }
  }

  // ---------------------------------------------------------------- Page

  var ui = null;
  // Only valid while this script first runs.
  var thisScript = document.currentScript;

  function href(path) {
    var h = ui.root + path;
    // Opened from disk, a folder link would show a directory listing.
    if (location.protocol === 'file:' && (h === '' || h.charAt(h.length - 1) === '/')) h += 'index.html';
    return h;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function renderResult(n, doc, match) {
    var li = el('li', 'search-result');
    var h = el('h2', 'search-result-title');
    var a = el('a');
    a.href = href(doc.path);
    appendMarked(a, marks(doc.title, match));
    h.appendChild(a);
    li.appendChild(h);
    if (doc.dateDisplay || doc.date || (doc.authors && doc.authors.length)) {
      var meta = el('p', 'search-result-meta');
      if (doc.dateDisplay || doc.date) {
        var time = el('time', null, doc.dateDisplay || doc.date);
        if (doc.date) time.setAttribute('datetime', doc.date);
        meta.appendChild(time);
      }
      if (doc.authors && doc.authors.length) meta.appendChild(el('span', 'search-result-authors', doc.authors.join(', ')));
      li.appendChild(meta);
    }
    var parts = snippet(doc.text || '', match);
    if (parts.length) {
      var p = el('p', 'search-result-snippet');
      appendMarked(p, parts);
      li.appendChild(p);
    }
    return li;
  }

  var seq = 0;
  var current = null; // { result, match, shown, query }

  function chosenFilters() {
    var f = {};
    ui.selects.forEach(function (s) { if (s.value) f[s.getAttribute('data-filter')] = s.value; });
    return f;
  }

  function updateUrl(query, filters) {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    if (query) params.set('q', query);
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    var qs = params.toString();
    try {
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
    } catch (e) { /* some file: contexts refuse; the search still works */ }
  }

  function setStatus(text) {
    if (ui.status.textContent !== text) ui.status.textContent = text;
  }

  // ---------------------------------------------------------------- Messages
  var STRINGS = {
    loading: 'Loading the search index…',
    unavailable: 'Search is unavailable: {error}',
    indexFailed: 'Search is unavailable: the index could not be loaded ({error}).',
    tooShort: 'Type at least two characters.',
    none: 'No briefings found{what}.',
    found: { one: '{n} briefing found{what}{shown}.', other: '{n} briefings found{what}{shown}.' },
    'for': ' for “{query}”',
    filtered: ' (filtered by {filters})',
    showing: ', showing 1–{n}',
    comma: ', '
  };
  var lang = document.documentElement.lang || 'en';

  function readStrings(root) {
    var el = root.querySelector('script[data-search-strings]');
    if (!el) return;
    try {
      var given = JSON.parse(el.textContent);
      Object.keys(given).forEach(function (k) { STRINGS[k] = given[k]; });
    } catch (e) { /* a broken block leaves the English messages */ }
  }

  /* Message `key` with {placeholders} filled from `args`; a message with plural forms picks
     the form for args.n with the browser's CLDR rules, falling back to `other`. */
  function msg(key, args) {
    var m = STRINGS[key];
    args = args || {};
    if (m && typeof m === 'object') {
      var cat = 'other';
      try { cat = new Intl.PluralRules(lang).select(args.n); } catch (e) { /* old browser */ }
      m = m[cat] || m.other;
    }
    return String(m).replace(/\{([a-z_]+)\}/g, function (all, name) {
      if (!(name in args)) return all;
      return typeof args[name] === 'number' ? args[name].toLocaleString(lang) : args[name];
    });
  }

  function search() {
    if (!manifest) return Promise.resolve(); // searched once the manifest arrives
    var query = ui.input.value;
    var filters = chosenFilters();
    var my = ++seq;
    updateUrl(query.trim(), filters);
    var hasFilter = Object.keys(filters).length > 0;
    var trimmed = query.trim();
    var short = trimmed.length < 2 && !CJK.test(trimmed);
    if ((!trimmed || short) && !hasFilter) {
      current = null;
      ui.list.textContent = '';
      ui.more.hidden = true;
      setStatus(trimmed ? msg('tooShort') : '');
      return Promise.resolve();
    }
    var english = /^en\b/i.test(manifest.language || '');
    var t0 = performance.now();
    api.timings = { start: t0 };
    return run(query, filters, english).then(function (result) {
      if (my !== seq) return;
      current = { result: result, match: matcher(result), shown: 0, query: trimmed, filters: filters };
      ui.list.textContent = '';
      return showMore(false).then(function () {
        if (my !== seq) return;
        api.doneAt = performance.now();
        api.lastQueryMs = api.doneAt - t0;
        ui.root_el.setAttribute('data-search-done', String(my));
      });
    }, function (err) {
      if (my !== seq) return;
      if (err && err.stale) {
        // The manifest came from an older build than the chunks: reload it and retry once.
        return loadManifest(true).then(search);
      }
      setStatus(msg('unavailable', { error: String(err && err.message || err) }));
    });
  }

  function describe(c) {
    var count = c.result.docs.length;
    var what = c.query ? msg('for', { query: c.query }) : '';
    var names = Object.keys(c.filters);
    if (names.length) {
      var values = names.map(function (k) { return c.filters[k]; }).join(STRINGS.comma);
      what += msg('filtered', { filters: values });
    }
    if (!count) return msg('none', { what: what });
    var shown = c.shown < count ? msg('showing', { n: c.shown }) : '';
    return msg('found', { n: count, what: what, shown: shown });
  }

  /* Appends the next page of results; with `focus`, moves focus to the first new one (after
     "More results", so keyboard users continue where the new results start). */
  function showMore(focus) {
    var c = current;
    var my = seq;
    var ids = c.result.docs.slice(c.shown, c.shown + PAGE_SIZE);
    return Promise.all(ids.map(docOf)).then(function (docs) {
      if (my !== seq) return;
      api.timings.docs = performance.now();
      var frag = document.createDocumentFragment();
      var firstLink = null;
      for (var i = 0; i < docs.length; i++) {
        var li = renderResult(ids[i], docs[i], c.match);
        if (!firstLink) firstLink = li.querySelector('a');
        frag.appendChild(li);
      }
      ui.list.appendChild(frag);
      c.shown += docs.length;
      ui.more.hidden = c.shown >= c.result.docs.length;
      setStatus(describe(c));
      if (focus && firstLink) firstLink.focus();
    });
  }

  function fillFilters() {
    var params = new URLSearchParams(location.search);
    ui.selects.forEach(function (s) {
      var name = s.getAttribute('data-filter');
      var spec = null;
      manifest.filters.forEach(function (f) { if (f.name === name) spec = f; });
      var wrap = s.closest('[data-filter-wrap]') || s;
      if (!spec || !spec.values.length) {
        wrap.hidden = true;
        return;
      }
      spec.values.forEach(function (v) {
        var o = document.createElement('option');
        o.value = v[0];
        o.textContent = v[0] + ' (' + v[1].toLocaleString(lang) + ')';
        s.appendChild(o);
      });
      var wanted = params.get(name);
      if (wanted) s.value = wanted;
      wrap.hidden = false;
    });
  }

  /* Runs the query-side code once on a tiny sample while the reader has not typed yet:
     compiling the Unicode regular expressions and the first, unoptimised runs of the loops cost
     more than a whole query later. */
  function warmUp() {
    var shard = { words: ['warm'], postings: ['AABC'], decoded: [] };
    var fakeManifest = manifest;
    manifest = { docs: 4, shards: [''], filters: [], language: fakeManifest.language };
    try {
      var terms = parseQuery('Warm-up Élysée 北朝鮮 ', true);
      var result = score(terms.slice(0, 1), [[shard]], null);
      snippet('A warm sample text, Élysée 北朝鮮, to warm the snippet code.', matcher(result));
    } finally {
      manifest = fakeManifest;
    }
  }

  function init() {
    var root = document.querySelector('[data-search-root]');
    if (!root) return;
    api.initAt = performance.now();
    var form = root.querySelector('[data-search-form]');
    readStrings(root);
    ui = {
      root_el: root,
      root: root.getAttribute('data-root') || '../',
      form: form,
      input: form.querySelector('input[name="q"]'),
      selects: Array.prototype.slice.call(form.querySelectorAll('select[data-filter]')),
      status: root.querySelector('[data-search-status]'),
      list: root.querySelector('[data-search-results]'),
      more: root.querySelector('[data-search-more]')
    };
    var script = thisScript || document.querySelector('script[src*="search/search.js"]');
    base = new URL('./', script ? script.src : new URL(ui.root + 'search/', location.href)).href;

    var params = new URLSearchParams(location.search);
    if (params.get('q')) ui.input.value = params.get('q');

    // The first change after a pause searches at once; changes in quick succession (typing)
    // are coalesced, so a fast typist does not fetch results for every letter.
    var timer = 0;
    var lastInput = -Infinity;
    var schedule = function () {
      var now = performance.now();
      clearTimeout(timer);
      if (now - lastInput > 300) search();
      else timer = setTimeout(search, 80);
      lastInput = now;
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search();
    });
    ui.input.addEventListener('input', schedule);
    ui.selects.forEach(function (s) { s.addEventListener('change', search); });
    ui.more.addEventListener('click', function () { showMore(true); });

    setStatus(msg('loading'));
    loadManifest(false).then(function () {
      api.manifestAt = performance.now();
      fillFilters();
      setStatus('');
      root.setAttribute('data-search-ready', '');
      if (ui.input.value || ui.selects.some(function (s) { return s.value; })) return search();
      // Nothing to search yet: prepare for the first query while the reader types.
      warmUp();
    }, function (err) {
      setStatus(msg('indexFailed', { error: err.message }));
    });
  }

  // For tests and benchmarks: run a query without the page.
  api.query = function (query, filters) {
    return run(query, filters || {}, /^en\b/i.test(manifest.language || ''));
  };
  api.tokens = function (s) { return tokens(fold(s)).map(function (t) { return t.text; }); };
  api.internals = { fold: fold, parseQuery: parseQuery, snippet: snippet, marks: marks };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
