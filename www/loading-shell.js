// The release build puts this right after #app, which then holds the home page pre-rendered
// (scripts/post-build.mjs), so it runs before the first paint. Opened at any other address, the
// page shows that page's title and that it is loading until the app starts and draws it, instead
// of the home page. It stops following the address once the app has started.
(() => {
  const app = document.getElementById('app');
  const home = app && app.querySelector('main');
  if (!home) return;
  let shell = null;
  const show = () => {
    // The app has started (src/web/mod.rs): the page is its to change now.
    if (app.hasAttribute('data-app')) return;
    if (shell) shell.remove();
    shell = null;
    home.hidden = false;
    const path = location.hash.replace(/^#\/?/, '').split('?')[0];
    if (path === '') return;
    const target = '#/' + path;
    const link = [...app.querySelectorAll('.qual-card h3 a, .site-nav a')].find((a) => a.getAttribute('href') === target);
    const isPlan = !!(link && link.closest('.qual-card'));
    shell = document.createElement('main');
    shell.className = 'page loading-shell';
    shell.setAttribute('aria-busy', 'true');
    if (isPlan) {
      const back = document.createElement('nav');
      back.className = 'breadcrumbs';
      back.setAttribute('aria-label', 'Breadcrumb');
      const up = document.createElement('a');
      up.href = '#/';
      up.textContent = 'All qualifications';
      back.append(up);
      shell.append(back);
    }
    const h1 = document.createElement('h1');
    h1.textContent = link ? link.textContent : 'Pathway Planner';
    shell.append(h1);
    const terms = home.querySelector('.terms');
    if (isPlan && terms) shell.append(terms.cloneNode(true));
    const status = document.createElement('p');
    status.className = 'loading';
    status.setAttribute('role', 'status');
    status.textContent = isPlan ? 'Loading the planner\u2026' : 'Loading\u2026';
    shell.append(status);
    home.hidden = true;
    home.after(shell);
  };
  show();
  addEventListener('hashchange', show);
})();
