import { expect, login, test, waitUntilSynced } from './fixtures';

const MEI = { username: 'mei', password: 'omnidesk-agent' };
const HAN = /[\u4e00-\u9fff]/;

test.describe('canned replies (issue 15)', () => {
  test('#sensor puts the team’s Chinese reply in the reply box with the customer’s device filled in', async ({ page, stack }) => {
    test.setTimeout(120_000);
    await login(page, stack, MEI);
    await waitUntilSynced(page);
    // a Chinese customer of the Glucose team (every one of them has a glucose monitor)
    const row = page.getByTestId('queue-row').filter({ hasText: HAN }).first();
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('customer-view')).toBeVisible();
    // a thread that carries text (not a call)
    const input = page.getByTestId('composer-input');
    if (await input.isDisabled()) {
      const threads = page.getByTestId('thread-select');
      const values = await threads.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
      const text = values.find((o) => !/Phone|电话/.test(o.label));
      expect(text, 'a thread one can write on').toBeDefined();
      await threads.selectOption(text!.value);
    }
    await expect(input).toBeEnabled();
    await input.fill('#sen');
    await expect(page.getByTestId('macro-suggestion').first()).toHaveAttribute('data-shortcut', 'sensor');
    await input.press('Enter');
    await expect(input).toHaveValue(/您好，/);
    const reply = await input.inputValue();
    expect(reply).toContain('血糖仪');
    expect(reply).toMatch(/序列号 [^{\s]+/);
    expect(reply).not.toContain('{{');
    expect(reply).not.toContain('#sen');
    await expect(page.getByTestId('macro-missing')).toHaveCount(0);
  });
});
