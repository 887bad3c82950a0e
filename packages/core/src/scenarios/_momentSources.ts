/**
 * Publications that several baseline moments cite, written once.
 * @internal
 * @module
 */
import type { MomentSource } from "./momentTypes";

export const CTN: MomentSource = {
  publisher: "TECNA/CTN (research by eIMPACT)",
  title: "Tech Workforce Trends (Canada 2023)",
  url: "https://www.intelligentsme.tech/2023/07/19/new-report-highlights-growing-national-tech-workforce-in-canada/",
  year: "2023",
  quote: "While Canada has lost talent to the US overall, net loss is not significant at only 1,672 workers.",
};
export const SV_INDEX = {
  publisher: "Joint Venture Silicon Valley",
  title: "Silicon Valley Index 2025",
  url: "https://joannejacobs.com/post/silicon-valley-runs-on-asian-tech-talent-66-of-workers-are-immigrants",
  year: "2025",
};
export const CBRE: MomentSource = {
  publisher: "CBRE",
  title: "Scoring Tech Talent 2024 and 2025",
  url: "https://canadasentrepreneur.com/?p=38006",
  year: "2023-2024",
  quote: "Canada (+5.9%) had stronger tech talent growth than the U.S. (+1.1%) in 2024",
};
export const BA: MomentSource = {
  publisher: "Bundesagentur fuer Arbeit",
  title: "IT-Personalbedarf wird mehr und mehr aus dem Ausland gedeckt",
  url: "https://www.klamm.de/news/it-personalbedarf-wird-mehr-und-mehr-aus-dem-ausland-gedeckt-47N20090101250627930726015.html",
  year: "2024",
  quote:
    "Damit habe ihr Anteil bei 15 Prozent aller sozialversicherungspflichtig Beschäftigten in diesem Bereich gelegen.",
};
export const SNV: MomentSource = {
  publisher: "Stiftung Neue Verantwortung",
  title: "AI Talent Flows in Germany",
  url: "https://oiger.de/2023/01/08/deutschland-verliert-37-der-ki-talente-wieder-ans-ausland/185428",
  year: "2022",
  quote: "„Immerhin 13 Prozent zieht es in die USA, 7 Prozent in die Schweiz und 5 Prozent nach Großbritannien“",
};
export const NONE: MomentSource = { publisher: "", title: "", url: "", year: "", quote: "" };
