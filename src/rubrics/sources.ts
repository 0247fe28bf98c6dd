/**
 * The decisions in the library: one JSON file each. Adding a decision is adding its file and one
 * line here (static imports keep the data bundleable for the add-in).
 */
import hanoi5279 from './hanoi-5279-2025.json';
import hue2263 from './hue-2263-2023.json';
import hue931 from './hue-931-2024.json';
import kontum121 from './kontum-121-2025.json';

export const SOURCES: readonly unknown[] = [hue931, hue2263, kontum121, hanoi5279];
