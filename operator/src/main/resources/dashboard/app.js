// The dashboard's only script: small conveniences; every rule is also enforced by the server.
document.addEventListener('DOMContentLoaded', () => {
  // delete: the button works once the site's name is typed (the server checks the name again)
  document.querySelectorAll('input[data-confirm]').forEach((input) => {
    const button = input.form.querySelector('button');
    const check = () => { button.disabled = input.value.trim() !== input.dataset.confirm; };
    input.addEventListener('input', check);
    check();
  });
  // restores and pushes replace data: ask once more
  document.querySelectorAll('form[data-restore], form[data-sure]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      const text = form.dataset.sure || ('Restore ' + form.querySelector('[name=artifact]').value + '? The site is backed up first.');
      if (!window.confirm(text)) { e.preventDefault(); }
    });
  });
  document.querySelectorAll('a[data-back]').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); history.back(); }));
});

// For pages that fetch data (metrics, files): fetch with the session's CSRF token, as every POST needs it.
window.wpoven = {
  csrf: () => (document.querySelector('main[data-csrf]') || { dataset: {} }).dataset.csrf,
  post: (url, body) => fetch(url, { method: 'POST', credentials: 'same-origin',
    headers: { 'X-CSRF-Token': window.wpoven.csrf(), 'Content-Type': 'application/x-www-form-urlencoded' }, body }),
};

// The site page's live numbers: poll the metrics endpoint every 5 s while the page is shown.
document.addEventListener('DOMContentLoaded', () => {
  const panel = document.querySelector('[data-metrics]');
  if (!panel) { return; }
  const set = (id, text) => { document.getElementById(id).textContent = text; };
  const show = (v, format) => (v.value === null ? 'unavailable' + (v.note ? ' (' + v.note + ')' : '') : format(v.value));
  const refresh = () => fetch(panel.dataset.metrics, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => r.json()).then((m) => {
      if (m.error) { set('m-error', m.error); return; }
      set('m-error', m.notes.join('; '));
      set('metrics-at', m.at);
      set('m-rps', show(m.requestsPerSecond, (x) => x.toFixed(2)));
      set('m-hit', show(m.cacheHitRatio, (x) => (100 * x).toFixed(1) + ' %'));
      set('m-fpm', show(m.phpFpmBusyWorkers, (x) => String(Math.round(x))));
      set('m-usage', m.usageAvailable ? m.usage.map((u) => u.pod + ': ' + u.cpuMillis + 'm, '
        + Math.round(u.memoryBytes / 1048576) + ' MiB').join('; ') || 'no pods measured' : m.usageNote);
    }).catch((e) => set('m-error', 'metrics: ' + e));
  refresh();
  setInterval(() => { if (!document.hidden) { refresh(); } }, 5000);
});

// The fleet's cache hit ratio column: each row's number is asked for once the row is on screen, at most 4 at a time,
// so a page of 1,000 sites costs the API server only what the user looks at.
document.addEventListener('DOMContentLoaded', () => {
  const table = document.querySelector('table[data-hits]');
  if (!table) { return; }
  const queue = [];
  let running = 0;
  const show = (cell, text, title) => { cell.textContent = text; cell.title = title; };
  const next = () => {
    while (running < 4 && queue.length > 0) {
      const row = queue.shift();
      const cell = row.querySelector('td.hit');
      running += 1;
      fetch(table.dataset.hits + row.dataset.site + '/metrics/cache-ratio', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((r) => r.json()).then((h) => {
          if (h.value === null || h.value === undefined) { show(cell, '—', h.error || h.note); return; }
          show(cell, (100 * h.value).toFixed(1) + ' %', h.note);
        }).catch((e) => show(cell, '—', 'cache hit ratio: ' + e))
        .finally(() => { running -= 1; next(); });
    }
  };
  const onScreen = new IntersectionObserver((entries) => {
    entries.filter((e) => e.isIntersecting).forEach((e) => { onScreen.unobserve(e.target); queue.push(e.target); });
    next();
  });
  table.querySelectorAll('tbody tr').forEach((row) => onScreen.observe(row));
});
