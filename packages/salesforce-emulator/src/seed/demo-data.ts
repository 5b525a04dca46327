import type { DmlOutcome, UnitOfWork } from "../records/unit-of-work";
import type { Catalog } from "../schema/catalog";
import { createPrng, pick } from "./prng";

// Deterministic demo org: 30 accounts with contacts, opportunities and invoices, plus leads.
// Same seed, same data (IDs included, on a fresh store).

const PREFIXES = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Wonka",
  "Cyberdyne",
  "Soylent",
  "Tyrell",
  "Hooli",
  "Vandelay",
  "Pied Piper",
  "Oscorp",
  "Aperture",
];
const SUFFIXES = ["Corporation", "Industries", "Labs", "Holdings", "Systems", "Partners"];
const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Radia",
  "Tim",
  "Frances",
  "John",
  "Hedy",
  "Edsger",
  "Katherine",
  "Donald",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Perlman",
  "Berners-Lee",
  "Allen",
  "McCarthy",
  "Lamarr",
  "Dijkstra",
  "Johnson",
  "Knuth",
];
const CITIES: [string, string][] = [
  ["San Francisco", "USA"],
  ["New York", "USA"],
  ["London", "UK"],
  ["Berlin", "Germany"],
  ["Paris", "France"],
  ["Toronto", "Canada"],
  ["Sydney", "Australia"],
  ["Tokyo", "Japan"],
];
const INDUSTRIES = [
  "Technology",
  "Manufacturing",
  "Finance",
  "Healthcare",
  "Retail",
  "Energy",
  "Media",
  "Education",
];
const STAGES = [
  "Prospecting",
  "Qualification",
  "Needs Analysis",
  "Proposal/Price Quote",
  "Negotiation/Review",
  "Closed Won",
  "Closed Lost",
];
const TITLES = [
  "CEO",
  "CTO",
  "VP Sales",
  "Head of Operations",
  "Data Engineer",
  "Procurement Manager",
];
const LEAD_STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"];
const SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

export async function seedDemoData(uow: UnitOfWork, catalog: Catalog, seed = 42): Promise<void> {
  const rand = createPrng(seed);
  const def = (name: string) => {
    const d = catalog.object(name);
    if (!d) throw new Error(`seed: object ${name} missing from schema`);
    return d;
  };
  const [account, contact, opportunity, lead, invoice] = [
    "Account",
    "Contact",
    "Opportunity",
    "Lead",
    "Invoice__c",
  ].map(def);
  if (!account || !contact || !opportunity || !lead || !invoice) return;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const date = (offsetDays: number) =>
    new Date(Date.UTC(2025, 0, 1) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const created = async (outcome: Promise<DmlOutcome>) => {
    const result = await outcome;
    if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.errors)}`);
    return result.id;
  };
  let invoiceNumber = 0;
  for (let i = 0; i < 30; i++) {
    const [city, country] = pick(rand, CITIES);
    const name = `${PREFIXES[i % PREFIXES.length]} ${SUFFIXES[Math.floor(i / PREFIXES.length) % SUFFIXES.length]}`;
    const accountId = await created(
      uow.create(account, {
        Name: name,
        AccountNumber: `ACC-${String(1000 + i)}`,
        Industry: pick(rand, INDUSTRIES),
        Type: pick(rand, ["Prospect", "Customer - Direct", "Customer - Channel"]),
        AnnualRevenue: int(1, 500) * 100_000,
        NumberOfEmployees: int(10, 20_000),
        Phone: `+1 555 ${String(int(100, 999))} ${String(int(1000, 9999))}`,
        Website: `https://www.${name.split(" ")[0]?.toLowerCase() ?? "example"}.example.com`,
        BillingCity: city,
        BillingCountry: country,
        Rating: pick(rand, ["Hot", "Warm", "Cold"]),
      }),
    );
    for (let c = 0; c < int(1, 4); c++) {
      const first = pick(rand, FIRST);
      const last = pick(rand, LAST);
      await created(
        uow.create(contact, {
          AccountId: accountId,
          FirstName: first,
          LastName: last,
          Title: pick(rand, TITLES),
          Email: `${first}.${last}.${i}${c}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ""),
          Phone: `+1 555 ${String(int(100, 999))} ${String(int(1000, 9999))}`,
          LeadSource: pick(rand, SOURCES),
          MailingCity: city,
          MailingCountry: country,
        }),
      );
    }
    for (let o = 0; o < int(0, 3); o++) {
      await created(
        uow.create(opportunity, {
          AccountId: accountId,
          Name: `${name} - ${pick(rand, ["Platform", "Expansion", "Renewal", "Pilot"])} ${o + 1}`,
          StageName: pick(rand, STAGES),
          CloseDate: date(int(0, 365)),
          Amount: int(5, 500) * 1000,
          Probability: int(1, 10) * 10,
          LeadSource: pick(rand, SOURCES),
        }),
      );
    }
    if (i % 2 === 0) {
      invoiceNumber++;
      await created(
        uow.create(invoice, {
          Name: `INV-${String(invoiceNumber).padStart(4, "0")}`,
          External_Id__c: `ext-inv-${invoiceNumber}`,
          Account__c: accountId,
          Amount__c: int(100, 50_000) + int(0, 99) / 100,
          Status__c: pick(rand, ["Draft", "Sent", "Paid"]),
          Due_Date__c: date(int(0, 120)),
        }),
      );
    }
  }
  for (let l = 0; l < 40; l++) {
    await created(
      uow.create(lead, {
        FirstName: pick(rand, FIRST),
        LastName: pick(rand, LAST),
        Company: `${pick(rand, PREFIXES)} ${pick(rand, ["Ventures", "Group", "GmbH", "Ltd", "Inc"])}`,
        Status: pick(rand, LEAD_STATUSES),
        LeadSource: pick(rand, SOURCES),
        Industry: pick(rand, INDUSTRIES),
        City: pick(rand, CITIES)[0],
      }),
    );
  }
}
