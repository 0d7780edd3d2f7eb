// Lets the app open with no network after one visit: registers the service worker (public/sw.js)
// once the app has started, and when a new build has been installed in the background shows
// 「新版本已就绪」 with a button. Nothing reloads until the applicant presses it; the reload
// returns to the open draft (its address carries `?draft=…`, and the app writes unsaved answers
// on `pagehide`). Where service workers are unavailable (a private window, `file:`, a browser
// that refuses) the app works as before, without offline start. A classic script, loaded before
// the app.
(function () {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  var container = navigator.serviceWorker;
  var updating = false;

  function linkButton(label, onClick) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = label;
    button.addEventListener('click', onClick);
    return button;
  }

  function offer(worker) {
    if (document.getElementById('update-ready')) return;
    var bar = document.createElement('div');
    bar.id = 'update-ready';
    bar.className = 'toast update-ready';
    bar.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = '新版本已就绪，更新后回到当前草稿，已填写的内容不会丢失。';
    var now = linkButton('立即更新', function () {
      updating = true;
      now.disabled = true;
      now.textContent = '正在更新…';
      worker.postMessage({ type: 'skip-waiting' });
    });
    // 「稍后」 hides the bar; it comes back on the next visit, and the update waits till then.
    var later = linkButton('稍后', function () { bar.remove(); });
    bar.append(text, now, later);
    document.body.append(bar);
  }

  function watch(registration) {
    // Some browsers (and automation that blocks workers) resolve without a registration.
    if (!registration) return;
    if (registration.waiting && container.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', function () {
      var next = registration.installing;
      if (!next) return;
      next.addEventListener('statechange', function () {
        if (next.state === 'installed' && container.controller) offer(next);
      });
    });
    // A page left open for days still learns of new builds: on coming back to the tab, when the
    // network returns, and every half hour.
    function check() { registration.update().catch(function () {}); }
    document.addEventListener('visibilitychange', function () { if (!document.hidden) check(); });
    window.addEventListener('online', check);
    setInterval(check, 30 * 60 * 1000);
  }

  // The new build has taken over because the applicant asked: reopen the page under it.
  container.addEventListener('controllerchange', function () {
    if (updating) location.reload();
  });

  function register() {
    container.register('/sw.js').then(watch, function (error) {
      console.info('离线启动不可用（浏览器未允许 Service Worker）：', error && error.message);
    });
  }
  // Registered a few seconds after the app has started: the worker's downloads (the whole app,
  // every schema and template) then never compete with the first screen's on a slow link.
  var started = false;
  function afterStart() {
    if (started) return;
    started = true;
    setTimeout(register, 3000);
  }
  window.addEventListener('TrunkApplicationStarted', afterStart);
  // A build that never announces its start still registers once the page has loaded.
  window.addEventListener('load', function () { setTimeout(afterStart, 5000); });
})();
