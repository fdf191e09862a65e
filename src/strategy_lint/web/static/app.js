// strategy-lint's local page: send each chosen record to this computer's server, show the answer.
// No libraries, nothing fetched from elsewhere.  Record text is only ever put in the page with
// textContent (never as HTML).  Results live in this tab only; "Clear the results" forgets them.
// Addresses are relative ("api/check"), so the page also works under a secret address (--token).
(function () {
  'use strict';

  var form = document.getElementById('check-form');
  var input = document.getElementById('records');
  var drop = document.getElementById('drop');
  var results = document.getElementById('results');
  var status = document.getElementById('status');
  var controls = document.querySelector('.controls');
  var cancelButton = document.getElementById('cancel');
  var clearButton = document.getElementById('clear');
  var maxMb = Number(form.getAttribute('data-max-mb')) || 20;

  var LABELS = { ready: 'Ready to circulate', changes: 'Needs changes', unread: 'Could not read', unchecked: 'Not checked' };
  var BADGES = { ready: 'ok', changes: 'changes', unread: 'unread', unchecked: 'unchecked' };
  var LOST = 'The page lost contact with strategy-lint before checking this record. Make sure strategy-lint ' +
    'is still running (start it again if it is not, and use the address it gives), then choose this record again.';
  // Answers that are not about the record: stopping (503), an old or wrong address (403, 421), a full disk (507).
  var REFUSALS = [403, 421, 503, 507];
  var STOPPED = 'You stopped the check before this record\'s turn: choose it again to check it.';

  var entries = [];      // every record on the page, in the order chosen: {file, card, verdict}
  var waiting = [];      // entries not yet sent
  var current = null;    // {entry, controller} while one is being checked
  var downloadUrls = [];
  var generation = 0;    // "Clear the results" starts a new one: late answers of the old one are dropped
  var halted = null;     // why checking stopped by itself: {lost: true} or {message: the server's refusal}
  var stoppedByUser = false;
  var nextId = 1;

  document.documentElement.classList.remove('no-js');
  document.documentElement.classList.add('js');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function setVerdict(entry, verdict, label) {
    var badge = entry.card.querySelector('.verdict');
    badge.className = 'verdict v-' + (BADGES[verdict] || 'checking');
    badge.textContent = label || LABELS[verdict];
    entry.card.setAttribute('data-verdict', verdict);
    entry.verdict = verdict;
  }

  function newEntry(file) {
    var card = el('article', 'record checking');
    card.id = 'record-' + nextId++;
    card.tabIndex = -1;
    var header = el('header');
    header.appendChild(el('h2', 'record-name', file.name));
    header.appendChild(el('span', 'verdict v-waiting', 'Waiting…'));
    card.appendChild(header);
    var back = el('p', 'to-summary');
    var link = el('a', null, 'Back to the summary');
    link.href = '#summary';
    back.appendChild(link);
    card.appendChild(back);
    results.appendChild(card);
    return { file: file, card: card, verdict: null };
  }

  function append(entry, node) { entry.card.insertBefore(node, entry.card.querySelector('.to-summary')); }

  function commentedName(name) {
    var stem = name.replace(/\.[^.]+$/, '');
    return stem + ' - with comments.docx';
  }

  function base64ToBlob(data) {
    var raw = atob(data);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  }

  function renderFinding(f, cls) {
    var box = el('div', 'finding ' + cls);
    box.appendChild(el('p', 'message', f.message));
    var dl = el('dl');
    function row(term, value, quote) {
      if (!value) { return; }
      dl.appendChild(el('dt', null, term));
      var dd = el('dd');
      if (quote) { dd.appendChild(el('blockquote', null, '“' + value + '”')); } else { dd.textContent = value; }
      dl.appendChild(dd);
    }
    row('Where to look', f.where);
    row('Quote', f.quote, true);
    row('How to fix', f.fix);
    box.appendChild(dl);
    box.appendChild(el('p', 'check', 'Reference: ' + f.code + ' ' + f.name + ' (quote this if you ask for help)'));
    return box;
  }

  function render(entry, data) {
    var name = entry.file.name;
    entry.card.classList.remove('checking');
    setVerdict(entry, data.verdict, data.label);
    append(entry, el('p', 'summary', data.summary));
    if (data.verdict === 'changes') {
      append(entry, el('p', 'next-step', 'Fix these in the record, or send the copy with comments to its author, then check it again here.'));
    }
    if (data.error) {
      append(entry, el('p', 'unread-message', data.error.text));
      return;
    }
    if (data.annotated) {
      var url = URL.createObjectURL(base64ToBlob(data.annotated));
      downloadUrls.push(url);
      var box = el('div', 'download');
      var link = el('a', 'button', 'Download a copy with comments (Word)');
      link.href = url;
      link.setAttribute('download', commentedName(name));
      link.setAttribute('aria-label', 'Download a copy of ' + name + ' with comments (Word)');
      box.appendChild(link);
      box.appendChild(el('p', null, 'Open the copy in Word: each problem below is a comment in the margin, next to the text it is about. Your original is not changed.'));
      append(entry, box);
    } else if (data.note) {
      append(entry, el('p', 'note-line', data.note));
    }
    data.groups.forEach(function (group) {
      append(entry, el('h3', 'group-' + group.class, group.heading + ' (' + group.findings.length + ')'));
      group.findings.forEach(function (f) { append(entry, renderFinding(f, group.class)); });
    });
  }

  function fail(entry, message) {
    render(entry, { verdict: 'unread', summary: 'This record could not be checked.', error: { text: message }, groups: [] });
  }

  function notChecked(entry, message) {
    entry.card.classList.remove('checking');
    setVerdict(entry, 'unchecked');
    append(entry, el('p', 'summary', 'This record was not checked.'));
    append(entry, el('p', 'unchecked-message', message));
  }

  // -- the summary and the progress line ----------------------------------------------------

  function tally() {
    var counts = { ready: 0, changes: 0, unread: 0, unchecked: 0, left: 0 };
    entries.forEach(function (entry) {
      if (entry.verdict) { counts[entry.verdict] += 1; } else { counts.left += 1; }
    });
    return counts;
  }

  function countWords(counts) {
    var bits = [];
    if (counts.ready) { bits.push(counts.ready + ' ready to circulate'); }
    if (counts.changes) { bits.push(counts.changes + (counts.changes === 1 ? ' needs changes' : ' need changes')); }
    if (counts.unread) { bits.push(counts.unread + ' could not be read'); }
    if (counts.unchecked) { bits.push(counts.unchecked + ' not checked'); }
    return bits;
  }

  function updateSummary(counts) {
    var nav = document.getElementById('summary');
    if (entries.length < 2) {
      if (nav) { nav.parentNode.removeChild(nav); }
      results.classList.remove('batch');
      return;
    }
    results.classList.add('batch');
    if (!nav) {
      nav = el('nav', 'batch-summary');
      nav.id = 'summary';
      nav.tabIndex = -1;
      nav.setAttribute('aria-labelledby', 'summary-title');
      results.insertBefore(nav, results.firstChild);
    }
    nav.textContent = '';
    nav.appendChild(el('h2', null, 'Summary: ' + plural(entries.length, 'record', 'records'))).id = 'summary-title';
    var chips = el('ul', 'counts');
    [['changes', counts.changes], ['unread', counts.unread], ['unchecked', counts.unchecked], ['ready', counts.ready]]
      .forEach(function (pair) {
        if (!pair[1]) { return; }
        var chip = el('li', 'count count-' + pair[0]);
        chip.appendChild(el('b', null, String(pair[1])));
        chip.appendChild(document.createTextNode(' ' + (pair[0] === 'changes' ? (pair[1] === 1 ? 'needs changes' : 'need changes')
          : pair[0] === 'ready' ? 'ready to circulate' : pair[0] === 'unread' ? 'could not be read' : 'not checked')));
        chips.appendChild(chip);
      });
    if (counts.left) {
      var chip = el('li', 'count count-left');
      chip.appendChild(el('b', null, String(counts.left)));
      chip.appendChild(document.createTextNode(' still to check'));
      chips.appendChild(chip);
    }
    nav.appendChild(chips);
    var list = el('ul', 'jump-list');
    entries.forEach(function (entry) {
      var item = el('li');
      var verdict = entry.verdict;
      item.appendChild(el('span', 'verdict v-' + (verdict ? BADGES[verdict] : 'waiting'),
        verdict ? LABELS[verdict] : (current && current.entry === entry ? 'Checking…' : 'Waiting…')));
      var link = el('a', null, entry.file.name);
      link.href = '#' + entry.card.id;
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.appendChild(list);
  }

  function announce() {
    var counts = tally();
    updateSummary(counts);
    var done = entries.length - counts.left;
    var busy = current !== null || waiting.length > 0;
    cancelButton.hidden = !busy;
    if (busy) {
      status.textContent = 'Checking records: ' + done + ' of ' + entries.length + ' done…';
      return;
    }
    if (!entries.length) { return; }
    var words = countWords(counts).join(', ') + '.';
    if (halted) {
      var checked = countWords({ ready: counts.ready, changes: counts.changes, unread: counts.unread });
      var before = checked.length ? ' Checked before that: ' + checked.join(', ') + '.' : '';
      if (halted.lost) {
        status.textContent = 'The page lost contact with strategy-lint, so ' + plural(counts.unchecked, 'record was', 'records were') +
          ' not checked. Make sure strategy-lint is still running, then choose ' + (counts.unchecked === 1 ? 'it' : 'them') +
          ' again.' + before;
      } else {
        status.textContent = 'strategy-lint did not check ' + plural(counts.unchecked, 'record', 'records') + '. ' +
          halted.message + before;
      }
    } else if (stoppedByUser && counts.unchecked) {
      status.textContent = 'Stopped: ' + plural(done - counts.unchecked, 'record', 'records') + ' checked. ' + words;
    } else {
      status.textContent = 'Finished: ' + plural(done - counts.unchecked, 'record', 'records') + ' checked. ' + words;
    }
  }

  // -- checking, one record at a time ----------------------------------------------------

  function giveUp(message) {
    // Everything not yet answered is "not checked", with why.
    var left = waiting;
    waiting = [];
    if (current) { notChecked(current.entry, message); current = null; }
    left.forEach(function (entry) { notChecked(entry, message); });
  }

  function send(entry) {
    var file = entry.file;
    if (file.size > maxMb * 1024 * 1024) {
      return Promise.resolve({ status: 413, data: { error: 'This file is ' + (file.size / 1048576).toFixed(1) + ' MB, over the ' + maxMb +
        ' MB limit for this page. Check it is the right record; if it is, ask IT to start the page with a higher --max-upload-mb.' } });
    }
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    current.controller = controller;
    return fetch('api/check', {
      method: 'POST',
      body: file,
      headers: { 'X-Filename': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return { error: 'The page did not answer properly: please try again.' }; })
        .then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function pump() {
    if (current || !waiting.length) { announce(); return; }
    var gen = generation;
    var entry = waiting.shift();
    current = { entry: entry, controller: null };
    setVerdict(entry, null, 'Checking…');
    entry.card.setAttribute('data-verdict', 'checking');
    entry.verdict = null;
    announce();
    send(entry).then(function (answer) {
      if (gen !== generation || !current || current.entry !== entry) { return; }
      current = null;
      if (REFUSALS.indexOf(answer.status) >= 0) {
        // Not about this record (strategy-lint stopping, an old address, a full disk): the rest would fare the same.
        var message = (answer.data && answer.data.error) || LOST;
        halted = { message: message };
        waiting.unshift(entry);
        giveUp(message);
      } else if (answer.data && answer.data.verdict) {
        render(entry, answer.data);
      } else {
        fail(entry, (answer.data && answer.data.error) || 'Something went wrong: please try again.');
      }
    }, function () {
      if (gen !== generation || !current || current.entry !== entry) { return; }  // cleared or stopped meanwhile
      halted = { lost: true };  // the network failed: strategy-lint stopped, or the computer went to sleep
      giveUp(LOST);
    }).then(function () {
      if (gen === generation) { pump(); }
    });
  }

  function handle(files) {
    if (!files || !files.length) { return; }
    controls.hidden = false;
    halted = null;
    stoppedByUser = false;
    Array.prototype.forEach.call(files, function (file) {
      var entry = newEntry(file);
      entries.push(entry);
      waiting.push(entry);
    });
    input.value = '';  // choosing the same file again checks it again
    announce();
    // On a laptop the results start below the fold: bring the progress line into view.
    status.scrollIntoView({ behavior: 'smooth', block: 'start' });
    pump();
  }

  input.addEventListener('change', function () { handle(input.files); });
  form.addEventListener('submit', function (event) { event.preventDefault(); handle(input.files); });

  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add('dragover'); });
  });
  ['dragleave', 'dragend'].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove('dragover'); });
  });
  drop.addEventListener('drop', function (event) {
    event.preventDefault();
    drop.classList.remove('dragover');
    handle(event.dataTransfer && event.dataTransfer.files);
  });
  // A file dropped beside the box must not make the browser open (and show) the record.
  window.addEventListener('dragover', function (event) { event.preventDefault(); });
  window.addEventListener('drop', function (event) { event.preventDefault(); });

  cancelButton.addEventListener('click', function () {
    if (current && current.controller) { current.controller.abort(); }
    stoppedByUser = true;
    giveUp(STOPPED);
    announce();
    clearButton.focus();
  });

  clearButton.addEventListener('click', function () {
    generation += 1;
    if (current && current.controller) { current.controller.abort(); }
    current = null;
    waiting = [];
    entries = [];
    downloadUrls.forEach(function (url) { URL.revokeObjectURL(url); });
    downloadUrls = [];
    results.textContent = '';
    results.classList.remove('batch');
    halted = null;
    stoppedByUser = false;
    status.textContent = 'Results cleared.';
    cancelButton.hidden = true;
    controls.hidden = true;
    input.focus();
  });
}());
