// strategy-lint's local page: send each chosen record to this computer's server, show the answer.
// No libraries, nothing fetched from elsewhere.  Record text is only ever put in the page with
// textContent (never as HTML).  Results live in this tab only; "Clear the results" forgets them.
(function () {
  'use strict';

  var form = document.getElementById('check-form');
  var input = document.getElementById('records');
  var drop = document.getElementById('drop');
  var results = document.getElementById('results');
  var status = document.getElementById('status');
  var clearRow = document.querySelector('.clear-row');
  var clearButton = document.getElementById('clear');
  var maxMb = Number(form.getAttribute('data-max-mb')) || 20;
  var downloadUrls = [];
  var queue = Promise.resolve();
  var counts = { done: 0, total: 0, ready: 0, changes: 0, unread: 0 };

  document.documentElement.classList.remove('no-js');
  document.documentElement.classList.add('js');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function setVerdict(card, verdict, label) {
    var badge = card.querySelector('.verdict');
    badge.className = 'verdict v-' + ({ ready: 'ok', changes: 'changes', unread: 'unread' }[verdict] || 'checking');
    badge.textContent = label;
    card.setAttribute('data-verdict', verdict);
  }

  function newCard(name) {
    var card = el('article', 'record checking');
    var header = el('header');
    var title = el('h2', 'record-name', name);
    header.appendChild(title);
    header.appendChild(el('span', 'verdict v-checking', 'Checking…'));
    card.appendChild(header);
    results.appendChild(card);
    return card;
  }

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

  function render(card, name, data) {
    card.classList.remove('checking');
    setVerdict(card, data.verdict, data.label);
    card.appendChild(el('p', 'summary', data.summary));
    if (data.verdict === 'changes') {
      card.appendChild(el('p', 'next-step', 'Fix these in the record, or send the copy with comments to its author, then check it again here.'));
    }
    if (data.error) {
      card.appendChild(el('p', 'unread-message', data.error.text));
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
      card.appendChild(box);
    } else if (data.note) {
      card.appendChild(el('p', 'note-line', data.note));
    }
    data.groups.forEach(function (group) {
      card.appendChild(el('h3', 'group-' + group.class, group.heading + ' (' + group.findings.length + ')'));
      group.findings.forEach(function (f) { card.appendChild(renderFinding(f, group.class)); });
    });
  }

  function fail(card, message) {
    render(card, '', { verdict: 'unread', label: 'Could not read', summary: 'This record could not be checked.',
      error: { text: message }, groups: [] });
  }

  function announce() {
    if (counts.done < counts.total) {
      status.textContent = 'Checking records: ' + counts.done + ' of ' + counts.total + ' done…';
      return;
    }
    var bits = [];
    if (counts.ready) { bits.push(counts.ready + ' ready to circulate'); }
    if (counts.changes) { bits.push(counts.changes + (counts.changes === 1 ? ' needs changes' : ' need changes')); }
    if (counts.unread) { bits.push(counts.unread + ' could not be read'); }
    status.textContent = 'Finished: ' + plural(counts.total, 'record', 'records') + ' checked. ' + bits.join(', ') + '.';
  }

  function checkOne(file) {
    var card = newCard(file.name);
    return function () {
      var tooBig = file.size > maxMb * 1024 * 1024;
      var done = tooBig
        ? Promise.resolve({ error: 'This file is ' + (file.size / 1048576).toFixed(1) + ' MB, over the ' + maxMb +
            ' MB limit for this page. Check it is the right record; if it is, ask IT to start the page with a higher --max-upload-mb.' })
        : fetch('/api/check', {
          method: 'POST',
          body: file,
          headers: { 'X-Filename': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
          credentials: 'same-origin',
          cache: 'no-store'
        }).then(function (response) {
          return response.json().catch(function () { return { error: 'The page did not answer properly: please try again.' }; });
        });
      return done.then(function (data) {
        if (data && data.verdict) { render(card, file.name, data); } else { fail(card, (data && data.error) || 'Something went wrong: please try again.'); }
      }, function () {
        fail(card, 'The page could not reach strategy-lint: check it is still running, then try again.');
      }).then(function () {
        var verdict = card.getAttribute('data-verdict');
        counts[verdict] = (counts[verdict] || 0) + 1;
        counts.done += 1;
        announce();
      });
    };
  }

  function handle(files) {
    if (!files || !files.length) { return; }
    clearRow.hidden = false;
    counts.total += files.length;
    announce();
    // On a laptop the results start below the fold: bring the progress line into view.
    status.scrollIntoView({ behavior: 'smooth', block: 'start' });
    Array.prototype.forEach.call(files, function (file) {
      queue = queue.then(checkOne(file));
    });
    input.value = '';  // choosing the same file again checks it again
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

  clearButton.addEventListener('click', function () {
    queue = queue.then(function () {
      downloadUrls.forEach(function (url) { URL.revokeObjectURL(url); });
      downloadUrls = [];
      results.textContent = '';
      counts = { done: 0, total: 0, ready: 0, changes: 0, unread: 0 };
      status.textContent = 'Results cleared.';
      clearRow.hidden = true;
      input.focus();
    });
  });
}());
