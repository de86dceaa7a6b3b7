/** A small deterministic French shop: order rows as a sheet holds them. */
import type { Cell } from '../../src/core/values';

/** Rows of a header + `count` order lines over `customers` customers, spread over two years. */
export function shopOrders(count: number, customers = Math.max(10, Math.floor(count / 4))): Cell[][] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const cities = ['Lyon', 'Paris', 'Nantes', 'Lille', 'Brest'];
  const rows: Cell[][] = [['N° commande', 'Client', 'Date de commande', 'Montant TTC', 'Ville']];
  for (let i = 0; i < count; i++) {
    const customer = Math.floor(random() ** 2 * customers);
    const day = Math.floor(random() * 730);
    const date = new Date(Date.UTC(2024, 0, 1 + day, 10));
    const amount = Math.round(random() * 20000) / 100 - (random() < 0.03 ? 150 : 0);
    rows.push([
      `C${i + 1}`,
      `CL${String(customer).padStart(5, '0')}`,
      date,
      amount,
      cities[customer % cities.length],
    ]);
  }
  return rows;
}
