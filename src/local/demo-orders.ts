/**
 * The demo order file: a made-up French shop (« La Belle Épicerie ») over two years, generated with
 * a fixed seed so the file shipped in the repository is reproducible. Customers have names,
 * e-mails, cities and a sales channel; some buy once, some come back often; November–December and
 * the January sales are busier; a few orders are refunded; and a few rows are messy the way real
 * sheets are: `1 234,56 €`, text dates, a missing customer, an unreadable date.
 */
import { civilFromDay, dayFromCivil, isoDay } from '../core/days';

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Jade',
  'Louise',
  'Emma',
  'Alice',
  'Zoé',
  'Hugo',
  'Lucas',
  'Louis',
  'Nathan',
  'Gabriel',
  'Arthur',
  'Jules',
  'Théo',
  'Raphaël',
  'Paul',
  'Élodie',
  'Sébastien',
  'Françoise',
  'Hélène',
  'Jérôme',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
];
const CITIES = [
  'Paris',
  'Lyon',
  'Marseille',
  'Toulouse',
  'Nantes',
  'Bordeaux',
  'Lille',
  'Rennes',
  'Strasbourg',
  'Montpellier',
  'Grenoble',
  'Dijon',
];
const CHANNELS = ['Boutique', 'Site web', 'Site web', 'Marché', 'Instagram'];
const MONTHS_FR = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

/** The seed of every demo file (the orders, and the campaigns and acquisition tables made from them). */
export const DEMO_SEED = 20_251_017;

/** Park–Miller generator: the same seed always gives the same file. */
export function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Seasonal weight of a day: busier in November–December and during the January sales. */
function seasonWeight(day: number): number {
  const { month, day: dayOfMonth } = civilFromDay(day);
  if (month === 11 || month === 12) return 2.2;
  if (month === 1 && dayOfMonth <= 31) return 1.5;
  if (month === 8) return 0.6;
  return 1;
}

function frenchAmount(amount: number): string {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${cents} €`;
}

/** CSV (semicolon-separated, as French spreadsheets export) of the demo shop's orders. */
export function demoOrdersCsv(customers = 3_000, seed = DEMO_SEED): string {
  const random = generator(seed);
  const first = dayFromCivil(2024, 11, 1)!;
  const last = dayFromCivil(2026, 10, 31)!;
  const lines = ['N° commande;Client;Nom;E-mail;Date de commande;Montant TTC;Ville;Canal'];
  type Order = { day: number; line: (id: string) => string };
  const orders: Order[] = [];
  for (let c = 1; c <= customers; c++) {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const id = `CL${String(c).padStart(5, '0')}`;
    const email = `${slug(firstName)}.${slug(lastName)}${c}@exemple.fr`;
    const city = pick(random, CITIES);
    const channel = pick(random, CHANNELS);
    // Loyalty: most buy once or twice, a few come back every few weeks.
    const loyalty = random();
    const count =
      loyalty < 0.45
        ? 1
        : loyalty < 0.75
          ? 2 + Math.floor(random() * 2)
          : loyalty < 0.93
            ? 4 + Math.floor(random() * 5)
            : 9 + Math.floor(random() * 16);
    const basket = 15 + random() ** 2 * 180;
    const start = first + Math.floor(random() * (last - first));
    for (let n = 0; n < count; n++) {
      let day = start + Math.floor(random() * (last - start + 1));
      while (random() > seasonWeight(day) / 2.2) day = start + Math.floor(random() * (last - start + 1));
      const amount = Math.max(3, Math.round(basket * (0.5 + random()) * 100) / 100);
      orders.push({
        day,
        line: (orderId) =>
          [
            orderId,
            id,
            `${firstName} ${lastName}`,
            email,
            isoDay(day),
            amount.toFixed(2),
            city,
            channel,
          ].join(';'),
      });
      if (random() < 0.03) {
        const refundDay = Math.min(last, day + 3 + Math.floor(random() * 20));
        orders.push({
          day: refundDay,
          line: (orderId) =>
            [
              orderId,
              id,
              `${firstName} ${lastName}`,
              email,
              isoDay(refundDay),
              (-amount).toFixed(2),
              city,
              channel,
            ].join(';'),
        });
      }
    }
  }
  orders.sort((a, b) => a.day - b.day);
  orders.forEach((order, index) => {
    const fields = order.line(`F${String(index + 1).padStart(6, '0')}`).split(';');
    const mess = random();
    if (mess < 0.01) fields[5] = frenchAmount(Number(fields[5]));
    else if (mess < 0.02) fields[4] = frenchDate(order.day, random);
    else if (mess < 0.0215) fields[1] = '';
    else if (mess < 0.022) fields[4] = 'à vérifier';
    lines.push(fields.join(';'));
  });
  return `${lines.join('\n')}\n`;
}

/** `17/10/2025` or `17 oct. 2025`. */
function frenchDate(day: number, random: () => number): string {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return random() < 0.5
    ? `${String(dayOfMonth).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
    : `${dayOfMonth} ${MONTHS_FR[month - 1]} ${year}`;
}
