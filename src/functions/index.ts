/** The add-in's Excel functions as other layers need them: their names, typed and as Excel saves them. */
export * from './names';
