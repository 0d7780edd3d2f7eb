// Never a frozen page: when the app's WebAssembly stops (in the release build a panic aborts the
// module, and every later call throws WebAssembly.RuntimeError), or the app cannot start at all,
// this shows a plain message in Chinese with 「重新加载」. Drafts are in IndexedDB up to the last
// autosave, so reloading loses nothing saved. Loaded before the app, as a classic script.
(function () {
  var shown = false;
  function isWasm(error, kinds) {
    if (typeof WebAssembly === 'undefined' || !error) return false;
    return kinds.some(function (kind) { return WebAssembly[kind] && error instanceof WebAssembly[kind]; });
  }
  function show(title, text) {
    if (shown || !document.body) return;
    shown = true;
    var box = document.createElement('div');
    box.className = 'crash-notice';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'crash-title');
    box.setAttribute('aria-describedby', 'crash-text');
    var panel = document.createElement('div');
    panel.className = 'crash-box';
    var heading = document.createElement('h1');
    heading.id = 'crash-title';
    heading.textContent = title;
    var body = document.createElement('p');
    body.id = 'crash-text';
    body.textContent = text;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button primary';
    button.textContent = '重新加载';
    button.addEventListener('click', function () { location.reload(); });
    panel.append(heading, body, button);
    box.append(panel);
    document.body.append(box);
    button.focus();
  }
  function stopped(error) {
    if (isWasm(error, ['RuntimeError'])) {
      show('页面出现错误，已停止运行',
        '您填写的内容已保存到最后一次自动保存时（通常是几秒钟前）。请点击「重新加载」继续填写；如果问题反复出现，请先在「我的事项」的草稿箱中导出备份，再联系技术支持。');
    } else if (isWasm(error, ['CompileError', 'LinkError'])) {
      show('申报系统未能启动',
        '程序文件未能正确载入（可能是网络中断或浏览器版本过旧）。您已保存的草稿不受影响。请检查网络后点击「重新加载」；仍然不行时，请使用最新版的 Chrome、Edge 或 Firefox。');
    }
  }
  addEventListener('error', function (event) { stopped(event.error); });
  addEventListener('unhandledrejection', function (event) { stopped(event.reason); });
})();
