import { say, type Lang, type Text } from './text';

/** An input the engine cannot work with at all (unknown rubric or unit, malformed file). */
export class DtiError extends Error {
  constructor(
    readonly code: string,
    readonly text: Text,
  ) {
    super(text.vi); // Vietnamese first: this is what an officer sees when the message is shown as is
    this.name = 'DtiError';
  }

  messageIn(lang: Lang): string {
    return say(this.text, lang);
  }
}
