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
