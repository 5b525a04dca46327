// Just enough XML for the partner SOAP login()/logout() calls jsforce makes. Element lookup is
// by local name, ignoring namespace prefixes, which is all these fixed envelopes need.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function xmlUnescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** Text content of the first element with this local name, or undefined. */
export function elementText(xml: string, localName: string): string | undefined {
  const open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?:\\s[^>]*)?>`);
  const m = open.exec(xml);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = xml.indexOf("<", start);
  return end < 0 ? undefined : xmlUnescape(xml.slice(start, end));
}

export function hasElement(xml: string, localName: string): boolean {
  return new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}[\\s/>]`).test(xml);
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = "</soapenv:Body></soapenv:Envelope>";

export function soapEnvelope(body: string): string {
  return ENVELOPE_OPEN + body + ENVELOPE_CLOSE;
}

export function soapFault(code: string, message: string): string {
  return soapEnvelope(
    `<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${xmlEscape(`${code}: ${message}`)}</faultstring></soapenv:Fault>`,
  );
}

export function xmlElements(fields: Record<string, string | boolean | number>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
    .join("");
}
