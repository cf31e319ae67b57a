// The release build puts this right after #app, which then holds the home page pre-rendered
// (scripts/post-build.mjs), so it runs before the first paint. Opened at any other address, the
// page shows that page's title and that it is loading until the app starts and draws it, instead
// of the home page; at a planner address, the top of that planner (title, figures and shortest
// routes), from the templates the build put before this script. It stops following the address
// once the app has started.
(() => {
  const app = document.getElementById('app');
  const home = app && app.querySelector('main');
  if (!home) return;
  let shell = null;
  const navLinks = [...app.querySelectorAll('.site-nav a')];
  const homeLink = navLinks.find((a) => a.hasAttribute('aria-current'));
  const show = () => {
    // The app has started (src/web/mod.rs): the page is its to change now.
    if (app.hasAttribute('data-app')) return;
    if (shell) shell.remove();
    shell = null;
    home.hidden = false;
    // The menu marks the page shown, as the app's does: none of its entries for a planner.
    for (const a of navLinks) a.removeAttribute('aria-current');
    const path = location.hash.replace(/^#\/?/, '').split('?')[0];
    if (path === '') {
      if (homeLink) homeLink.setAttribute('aria-current', 'page');
      return;
    }
    // The top of a planner, drawn by the app's own component at build time (src/bin/prerender.rs).
    const head = [...document.querySelectorAll('template[data-planner]')].find((t) => t.dataset.planner === path);
    shell = document.createElement('main');
    shell.className = 'page loading-shell';
    shell.setAttribute('aria-busy', 'true');
    if (head) {
      const back = document.createElement('nav');
      back.className = 'breadcrumbs';
      back.setAttribute('aria-label', 'Breadcrumb');
      const up = document.createElement('a');
      up.href = '#/';
      up.textContent = 'All qualifications';
      back.append(up);
      // Where the planner's links within the page will be, so that nothing moves when it comes;
      // they lead nowhere yet, so they are not links and are hidden from assistive technology.
      const jumps = document.createElement('nav');
      jumps.className = 'jump-links';
      jumps.setAttribute('aria-hidden', 'true');
      for (const words of ['Jump to the summary', 'Jump to share and save']) {
        const a = document.createElement('a');
        a.textContent = words;
        jumps.append(a);
      }
      shell.append(back, jumps, head.content.cloneNode(true));
    } else {
      const link = navLinks.find((a) => a.getAttribute('href') === '#/' + path);
      if (link) link.setAttribute('aria-current', 'page');
      const h1 = document.createElement('h1');
      h1.textContent = link ? link.textContent : 'Pathway Planner';
      shell.append(h1);
    }
    const status = document.createElement('p');
    status.className = 'loading';
    status.setAttribute('role', 'status');
    status.textContent = head ? 'Loading the planner\u2026' : 'Loading\u2026';
    shell.append(status);
    home.hidden = true;
    home.after(shell);
  };
  show();
  addEventListener('hashchange', show);
})();
