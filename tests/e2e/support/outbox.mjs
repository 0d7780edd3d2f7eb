// The page's outbox as the tests read it (IndexedDB `zhicheng`, store `outbox`): the package ids
// waiting or sent, and the secret kept for each (the receiver answers nobody else).

/** The package ids in this page's outbox. */
export async function outboxIds(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('zhicheng');
    open.onsuccess = () => {
      const keys = open.result.transaction('outbox').objectStore('outbox').getAllKeys();
      keys.onsuccess = () => resolve(keys.result);
    };
  }));
}

/** The package secret this page's outbox keeps for `id`. */
export async function outboxSecret(page, id) {
  return page.evaluate((key) => new Promise((resolve) => {
    const open = indexedDB.open('zhicheng');
    open.onsuccess = () => {
      const get = open.result.transaction('outbox').objectStore('outbox').get(key);
      get.onsuccess = () => resolve(JSON.parse(get.result).secret);
    };
  }), id);
}
