/** @jest-environment jsdom */
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { StartFailed } from '../../src/taskpane/StartFailed';

function Broken(): React.ReactElement {
  throw new Error('boom');
}

describe('a crash while rendering the page or the pane', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => {
    spy = jest.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
  });
  afterEach(() => spy.mockRestore());

  test('shows the title and one sentence instead of a blank page', () => {
    render(
      <StartFailed language="zh-CN">
        <Broken />
      </StartFailed>,
    );
    expect(screen.getByRole('heading').textContent).toBe('指标审核助手');
    expect(screen.getByRole('alert').textContent?.length).toBeGreaterThan(4);
  });

  test('in English when the language is English', () => {
    render(
      <StartFailed language="en-US">
        <Broken />
      </StartFailed>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Indicator Desk');
  });

  test('renders its children untouched when nothing fails', () => {
    render(
      <StartFailed language="zh-CN">
        <p>正常</p>
      </StartFailed>,
    );
    expect(screen.getByText('正常')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
