/** @jest-environment jsdom */
import * as React from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { FindingList } from '../../src/taskpane/FindingList';
import { PaneProviders } from '../../src/taskpane/Pane';
import { stringsFor } from '../../src/taskpane/i18n';
import type { Finding } from '../../src/core/types';
import { finding } from './fakes';

afterEach(cleanup);

const verify = (id: string, cell: string): Finding =>
  finding({ id, rule: 'rate-mismatch', severity: 'verify', sheet: '矛盾纠纷', cell, message: `‘矛盾纠纷’表 ${cell} 待核实` });

function list(findings: Finding[]) {
  return (
    <PaneProviders strings={stringsFor('zh-CN')}>
      <FindingList findings={findings} busy={false} onSelect={() => undefined} onExplain={async () => true} />
    </PaneProviders>
  );
}

test('a finding leaving the list (explained, re-checked) does not take the keyboard focus of the one after it', () => {
  const a = verify('a', 'D9');
  const b = verify('b', 'D10');
  const c = verify('c', 'D11');
  const { rerender } = render(list([a, b, c]));
  const button = screen.getAllByTestId('finding').find((el) => el.getAttribute('data-cell') === 'D10')!;
  button.focus();
  expect(document.activeElement).toBe(button);
  rerender(list([b, c]));
  // the same element, still focused: the items are keyed by finding, not by position
  expect(document.activeElement).toBe(button);
  expect(button.isConnected).toBe(true);
});

test('two findings with the same id are both listed', () => {
  render(list([verify('same', 'D9'), verify('same', 'D10')]));
  expect(screen.getAllByTestId('finding').map((el) => el.getAttribute('data-cell'))).toEqual(['D9', 'D10']);
});
