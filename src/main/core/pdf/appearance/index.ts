/** Visible signature appearances (Decree 30 layout) and sample images made by code. */
export { buildAppearance, defaultFontPath, preloadAppearance, type AppearanceSpec } from './build';
export { layoutPerson, layoutSeal, sealRectOver } from './layout';
export { sampleSignaturePng, sampleSealPng, encodePng } from './png';
export { decree30Appearance } from './signature-appearance';
