import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, IPC_API_KEY } from '../../shared/ipc/channels';
import type { PlantaoBridge } from '../../shared/ipc/contract';

// The sandboxed preload stays thin: it only lets contract channels through; main validates every payload.
const invokeChannels: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const eventChannels: ReadonlySet<string> = new Set(EVENT_CHANNELS);

const api: PlantaoBridge = {
  invoke: (channel, ...args) => {
    if (!invokeChannels.has(channel)) return Promise.reject(new Error(`canal IPC desconhecido: ${channel}`));
    return ipcRenderer.invoke(channel, ...args);
  },
  on: (event, listener) => {
    if (!eventChannels.has(event)) throw new Error(`evento IPC desconhecido: ${event}`);
    // Never hand the renderer the IpcRendererEvent: it exposes `sender`, i.e. ipcRenderer itself.
    const forward = (_event: Electron.IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld(IPC_API_KEY, api);
