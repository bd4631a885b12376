import { expect, type Locator, type Page } from '@playwright/test';
import { fieldType, type Field, type Step } from '../../../contract';
import { isValidReference, REFERENCE_ALPHABET } from '../../../core/reference';
import { checkA11y } from './a11y';
import { scrollAboveKeyboard } from './onscreen-keyboard';
import { planValue, type PlannedValue } from './answer-plan';
import { chooseRadioByKeyboard, tabTo } from './keyboard';
import {
  checkLabel,
  escapeRegExp,
  fieldLabel,
  serviceTerm,
  startsWith,
  svcText,
  ui,
  type Lang,
  type LoadedService,
} from './service-data';
import { snap } from './snap';

export type InputMode = 'pointer' | 'touch' | 'keyboard';

export interface DriverOptions {
  lang?: Lang;
  mode?: InputMode;
  /** axe + target sizes + screenshot on every screen (off for the benchmark). */
  audit?: boolean;
  /**
   * Also on the screens the driver passes on its own way (start, each step, confirmation); default `audit`.
   * Off where a spec audits only the pages it is about: a11y-matrix.spec.ts checks every screen already.
   */
  auditWalk?: boolean;
}

/** The desk's code for a prepared visit (contract/hub/terminal-protocol.ts HandoverCode). */
const HANDOVER_CODE_IN_TEXT = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/;
const REFERENCE_IN_TEXT = new RegExp(`[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]`);

/**
 * Drives the kiosk as a resident would, by role and accessible name only, with
 * touch, mouse or keyboard. Steps are recognised by their question (the h1), so
 * branching journeys are followed wherever the core leads.
 */
export class KioskDriver {
  lang: Lang;
  /** The service chosen last: the texts that name it ("Anmeldung absenden") follow it. */
  service: LoadedService | undefined;
  readonly mode: InputMode;
  readonly audit: boolean;
  readonly auditWalk: boolean;

  constructor(
    readonly page: Page,
    options: DriverOptions = {},
  ) {
    this.lang = options.lang ?? 'de';
    this.mode = options.mode ?? 'pointer';
    this.audit = options.audit ?? true;
    this.auditWalk = options.auditWalk ?? this.audit;
  }

  t(key: string, params?: Record<string, string | number>): string {
    return ui(this.lang, key, params);
  }

  h1(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** A button or a link: change links may be either. */
  control(name: string | RegExp): Locator {
    const exact = typeof name === 'string';
    return this.page.getByRole('button', { name, exact }).or(this.page.getByRole('link', { name, exact }));
  }

  /** A screen the driver passes on its way: audited only with `auditWalk`. */
  private async walkScreen(name: string): Promise<void> {
    if (this.auditWalk) await this.screen(name);
  }

  async screen(name: string): Promise<void> {
    if (!this.audit) return;
    await this.page.waitForLoadState('domcontentloaded');
    await checkA11y(this.page, name, this.primaryActions());
    await snap(this.page, name);
  }

  /** The big actions whose 64 px height is checked: Weiter, Jetzt starten, Zurück zur Übersicht, Senden, Fertig. */
  primaryActions(): string[] {
    const keys = ['nav.continue', 'servicePages.startNow', 'servicePages.backToCheck', 'confirmation.done'];
    return [...keys.map((key) => this.t(key)), this.term('submit')];
  }

  /** A text in the current service's own words ("Meldung absenden"), else the general UI text. */
  term(term: 'submit' | 'sendHeading' | 'sent' | 'leave'): string {
    const general = {
      submit: 'check.submit',
      sendHeading: 'check.sendHeading',
      sent: 'confirmation.title',
      leave: 'leave.text',
    };
    return this.service ? serviceTerm(this.service, this.lang, term) : this.t(general[term]);
  }

  /** Press a button or link the way this driver's resident does. */
  async activate(target: Locator): Promise<void> {
    if (this.mode === 'keyboard') {
      await tabTo(this.page, target);
      await this.page.keyboard.press('Enter');
    } else {
      await scrollAboveKeyboard(target);
      if (this.mode === 'touch') await target.tap();
      else await target.click();
    }
  }

  async openStart(url: string): Promise<void> {
    await this.page.goto(url);
    // A first page load on a busy 2-core runner can take longer than the default 5 s.
    await expect(this.button(ui(this.lang, 'language.nativeName'))).toBeEnabled({ timeout: 20_000 });
    await this.walkScreen('start');
  }

  async chooseLanguage(lang: Lang): Promise<void> {
    await this.activate(this.button(ui(lang, 'language.nativeName')));
    this.lang = lang;
    await expect(this.h1()).toHaveText(this.t('start.title'));
    await this.walkScreen(`start-${lang}`);
  }

  /**
   * Tap the service's tile: its start page (what it is for, who, what you need, time, cost). With many
   * services the start screen shows life situations (renderer/finder/): the situation's tile first, which
   * opens its list, or, for a situation with one service, that service's start page directly.
   */
  async openIntro(service: LoadedService): Promise<void> {
    this.service = service;
    const title = svcText(service, this.lang, service.definition.titleKey);
    const tile = this.control(startsWith(title));
    if ((await tile.count()) === 0) {
      await this.activate(this.control(startsWith(this.t(`finder.category.${service.definition.category}`))));
      await expect(this.h1()).toHaveText(
        new RegExp(
          `^(${escapeRegExp(this.t(`finder.category.${service.definition.category}`))}|${escapeRegExp(title)})$`,
        ),
      );
      if ((await this.h1().innerText()).trim() !== title) await this.activate(tile);
    } else {
      await this.activate(tile);
    }
    await expect(this.h1()).toHaveText(title);
  }

  /** "Jetzt starten" on the start page: the first question. */
  async startFromIntro(): Promise<void> {
    const before = await this.h1().innerText();
    await this.activate(this.button(this.t('servicePages.startNow')));
    await expect(this.h1()).not.toHaveText(before);
  }

  /** The tile, its start page, "Jetzt starten": the first question is on screen. */
  async chooseService(service: LoadedService): Promise<void> {
    await this.openIntro(service);
    await this.walkScreen('intro');
    await this.startFromIntro();
  }

  /** The step whose question is on screen, or undefined (check, confirmation, start). */
  async currentStep(service: LoadedService): Promise<Step | undefined> {
    // A one-field optional question carries "(optional)" in its heading.
    const heading = (await this.h1().innerText()).trim().replace(/\s+/g, ' ');
    const optional = ` ${this.t('field.optional')}`;
    return service.definition.journey.steps.find((step) => {
      const title = svcText(service, this.lang, step.titleKey);
      return heading === title || heading === title + optional;
    });
  }

  /** A repeatable group's item page ("Person 2"), recognised by its heading: the step and the item (0-based). */
  async groupItemOnScreen(service: LoadedService): Promise<{ step: Step; item: number } | undefined> {
    const heading = (await this.h1().innerText()).trim().replace(/\s+/g, ' ');
    for (const step of service.definition.journey.steps) {
      if (!step.repeat) continue;
      const label = svcText(service, this.lang, step.repeat.itemLabelKey);
      for (let item = 0; item < step.repeat.max; item++) {
        if (heading === label.replace('{number}', String(item + 1))) return { step, item };
      }
    }
    return undefined;
  }

  /** Fill one item of a repeatable group and save it ("Speichern und zur Liste"): the group's list shows. */
  async answerItem(service: LoadedService, step: Step, overrides: Record<string, string> = {}): Promise<void> {
    for (const field of step.fields) await this.fillField(service, step, field, planValue(service, field, overrides));
    await this.activate(this.button(this.t('group.saveItem')));
    await expect(this.h1()).toHaveText(svcText(service, this.lang, step.titleKey));
  }

  /** One page further: an item of a group is saved, any other question answered. Returns the step's id. */
  private async advance(service: LoadedService, overrides: Record<string, string>): Promise<string> {
    const item = await this.groupItemOnScreen(service);
    if (item) {
      await this.walkScreen(`step-${item.step.id}-item-${item.item + 1}`);
      await this.answerItem(service, item.step, overrides);
      return item.step.id;
    }
    const step = await this.currentStep(service);
    if (!step) throw new Error(`unexpected page: "${await this.h1().innerText()}"`);
    await this.walkScreen(`step-${step.id}`);
    await this.answerStep(service, step, overrides);
    return step.id;
  }

  private inputFor(service: LoadedService, step: Step, field: Field): Locator {
    const name = startsWith(fieldLabel(service, this.lang, step, field));
    return this.page.getByRole('textbox', { name }).or(this.page.getByRole('spinbutton', { name }));
  }

  private async typeInto(input: Locator, value: string): Promise<void> {
    if (this.mode === 'keyboard') {
      await tabTo(this.page, input);
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.page.keyboard.type(value);
      return;
    }
    await scrollAboveKeyboard(input);
    if (this.mode === 'touch') await input.tap();
    else await input.click();
    await input.fill(value);
  }

  private async setChecked(box: Locator, checked: boolean): Promise<void> {
    if ((await box.isChecked()) === checked) return;
    if (this.mode === 'keyboard') {
      await tabTo(this.page, box);
      await this.page.keyboard.press('Space');
    } else {
      await scrollAboveKeyboard(box);
      if (this.mode === 'touch') await box.tap();
      else await box.click();
    }
    await expect(box).toBeChecked({ checked });
  }

  async fillField(service: LoadedService, step: Step, field: Field, planned: PlannedValue): Promise<void> {
    const optionLabel = (value: string) => {
      const option = field.options!.find((candidate) => candidate.value === value)!;
      return startsWith(svcText(service, this.lang, option.labelKey));
    };
    switch (planned.kind) {
      case 'text':
        return this.typeInto(this.inputFor(service, step, field), planned.value);
      case 'date': {
        const group =
          step.fields.filter((candidate) => fieldType(candidate.type).input === 'date').length > 1
            ? this.page.getByRole('group', { name: startsWith(fieldLabel(service, this.lang, step, field)) })
            : this.page;
        await this.typeInto(group.getByRole('textbox', { name: startsWith(this.t('field.day')) }), planned.day);
        await this.typeInto(group.getByRole('textbox', { name: startsWith(this.t('field.month')) }), planned.month);
        await this.typeInto(group.getByRole('textbox', { name: startsWith(this.t('field.year')) }), planned.year);
        return;
      }
      case 'confirm':
        return this.setChecked(
          this.page.getByRole('checkbox', { name: startsWith(fieldLabel(service, this.lang, step, field)) }),
          true,
        );
      case 'choice':
        if (planned.multiple) {
          for (const option of field.options!) {
            const box = this.page.getByRole('checkbox', { name: optionLabel(option.value) });
            await this.setChecked(box, planned.values.includes(option.value));
          }
          return;
        }
        {
          const radio = this.page.getByRole('radio', { name: optionLabel(planned.values[0]!) });
          if (this.mode === 'keyboard') await chooseRadioByKeyboard(this.page, radio);
          else if (this.mode === 'touch') await scrollAboveKeyboard(radio).then(() => radio.tap());
          else await scrollAboveKeyboard(radio).then(() => radio.check());
          await expect(radio).toBeChecked();
        }
    }
  }

  /** Fill every field of the step on screen and press "Weiter"; returns when the next page shows. */
  async answerStep(service: LoadedService, step: Step, overrides: Record<string, string> = {}): Promise<void> {
    // A repeatable group's list has no fields of its own: its items were saved on their pages.
    const fields = step.repeat ? [] : step.fields;
    for (const field of fields) await this.fillField(service, step, field, planValue(service, field, overrides));
    await this.continue();
  }

  /** Press "Weiter" and wait until the question changed. */
  async continue(): Promise<void> {
    const before = await this.h1().innerText();
    await this.activate(this.button(this.t('nav.continue')));
    await expect(this.h1()).not.toHaveText(before);
  }

  /** Answers question after question until the check page. Returns the step ids visited. */
  async walkToCheck(service: LoadedService, overrides: Record<string, string> = {}): Promise<string[]> {
    const visited: string[] = [];
    for (let guard = 0; guard < 45; guard++) {
      if ((await this.h1().innerText()).trim() === this.t('check.title')) return visited;
      visited.push(await this.advance(service, overrides));
    }
    throw new Error('check page never reached');
  }

  /** Answers question after question until the step `stepId` is on screen (it is left unanswered). */
  async walkToStep(service: LoadedService, stepId: string, overrides: Record<string, string> = {}): Promise<void> {
    for (let guard = 0; guard < 45; guard++) {
      const step = (await this.groupItemOnScreen(service))?.step ?? (await this.currentStep(service));
      if (step?.id === stepId) return;
      await this.advance(service, overrides);
    }
    throw new Error(`step ${stepId} never reached`);
  }

  /** On the check page: "Ändern: <label>", new answer, "Weiter" back to the check page. */
  async changeFromCheck(service: LoadedService, fieldName: string, newValue: string): Promise<void> {
    const step = service.definition.journey.steps.find((s) => s.fields.some((f) => f.name === fieldName))!;
    const field = step.fields.find((f) => f.name === fieldName)!;
    const label = checkLabel(service, this.lang, step, field);
    await this.activate(this.control(this.t('check.changeField', { field: label })));
    await expect(this.h1()).toHaveText(startsWith(svcText(service, this.lang, step.titleKey)));
    await this.walkScreen(`change-${step.id}`);
    // Changing one answer is not a step of the journey: no "Schritt x von y", and the button says where it goes.
    const stepCount = new RegExp(escapeRegExp(this.t('nav.stepOf')).replace(/\\\{\w+\\\}/g, '\\d+'));
    await expect(this.page.getByText(stepCount)).toHaveCount(0);
    await this.fillField(service, step, field, planValue(service, field, { [fieldName]: newValue }));
    await this.activate(this.button(this.t('servicePages.backToCheck')));
    await expect(this.h1()).toHaveText(this.t('check.title'));
  }

  /** "Antrag absenden" (or the service's own words) → confirmation; returns the reference number shown. */
  /** The service chosen last is done in person: its check page prepares a visit instead of sending. */
  private get preparesVisit(): boolean {
    return this.service?.definition.completion === 'visit';
  }

  /**
   * Sends from the check page and returns the reference number; for an in-person service, prepares the
   * visit and returns the desk's code, or the notice that nothing was kept when no hub took the answers.
   */
  async submit(): Promise<string> {
    if (this.preparesVisit) return this.prepareVisit();
    await this.activate(this.button(this.term('submit')));
    await expect(this.h1()).toHaveText(this.term('sent'));
    const text = await this.page.getByRole('main').innerText();
    const reference = REFERENCE_IN_TEXT.exec(text)?.[0];
    expect(reference, 'reference number on the confirmation page').toBeTruthy();
    expect(isValidReference(reference!), `check character of ${reference}`).toBe(true);
    await this.walkScreen('confirmation');
    return reference!;
  }

  /** After a session the next resident starts in the default language (German). */
  private async backAtStart(): Promise<void> {
    this.lang = 'de';
    await expect(this.h1()).toHaveText(this.t('start.title'));
  }

  private async prepareVisit(): Promise<string> {
    await this.activate(this.button(this.t('visit.prepare')));
    await expect(this.h1()).toHaveText(this.t('visit.title'));
    const code = HANDOVER_CODE_IN_TEXT.exec(await this.page.getByRole('main').innerText())?.[0];
    if (!code) await expect(this.page.getByText(this.t('visit.noCode'))).toBeVisible();
    await this.walkScreen('visit');
    return code ?? this.t('visit.noCode');
  }

  async finish(): Promise<void> {
    const onVisitPage = this.preparesVisit && (await this.h1().innerText()).trim() === this.t('visit.title');
    await this.activate(this.button(this.t(onVisitPage ? 'visit.done' : 'confirmation.done')));
    await this.backAtStart();
  }

  /** "Antrag abbrechen" → confirm dialog → start screen. */
  async endSession(): Promise<void> {
    await this.activate(this.button(this.t('sessionCancel.label')));
    const dialog = this.page.getByRole('alertdialog', { name: this.t('end.title') });
    await expect(dialog).toBeVisible();
    await this.walkScreen('end-confirm');
    await this.activate(dialog.getByRole('button', { name: this.t('end.confirm'), exact: true }));
    await this.backAtStart();
  }
}
