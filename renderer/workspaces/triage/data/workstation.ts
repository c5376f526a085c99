const KEY = 'plantao.workstationId';

/** This desk's id, stable across logins (REDS blocks and claims name the workstation). */
export function workstationId(): string {
  const known = localStorage.getItem(KEY);
  if (known) return known;
  const created = `ws-${crypto.randomUUID().slice(0, 18)}`;
  localStorage.setItem(KEY, created);
  return created;
}
