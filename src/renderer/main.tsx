import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { OmnideskBridge } from '../shared/contracts/bridge';
import { App } from './App';
import { connectStores, createAppStores } from './app-stores';
import { BridgeProvider } from './kernel/app/bridge-context';
import { getBridge, NoLaunchToken } from './kernel/bridge/index';
import { initI18n } from './kernel/i18n/index';
import './styles.css';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  const i18n = await initI18n();
  const root = createRoot(container);
  let bridge: OmnideskBridge;
  try {
    bridge = await Promise.resolve(getBridge());
  } catch (err) {
    if (err instanceof NoLaunchToken) {
      root.render(
        <div className="splash splash-error" role="alert" data-testid="no-launch">
          <h1>{i18n.t('app.noLaunch.title')}</h1>
          <p>{i18n.t('app.noLaunch.how')}</p>
        </div>,
      );
      return;
    }
    console.error('Omnidesk: no bridge to the desktop core', err);
    root.render(
      <div className="splash splash-error" role="alert">
        <p>{i18n.t('app.startFailed')}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {i18n.t('app.reload')}
        </button>
      </div>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BridgeProvider bridge={bridge} stores={createAppStores(bridge)} connect={connectStores}>
          <App />
        </BridgeProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
