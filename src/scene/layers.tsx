import { type ReactNode, useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import { type LayerId, useLayerVisible } from '../state/layersStore';

/** userData flag of a hidden layer's group: nothing under it takes pointer events. */
const HIDDEN = 'hiddenLayer';

/**
 * One switchable layer of the map (src/state/layersStore.ts): its content is drawn or not, and a
 * hidden layer takes no clicks or hovers. Only this group re-renders on a switch; its children are
 * the same elements and are not rendered again.
 */
export function LayerGroup({ layer, children }: { layer: LayerId; children: ReactNode }) {
  const on = useLayerVisible(layer);
  return (
    <group name={`layer:${layer}`} visible={on} userData={{ [HIDDEN]: !on, layer }}>
      {children}
    </group>
  );
}

/** Whether an object is under a hidden layer (or is one). */
export function inHiddenLayer(object: THREE.Object3D | null): boolean {
  for (let o = object; o; o = o.parent) if (o.userData?.[HIDDEN]) return true;
  return false;
}

const dropHiddenHits = (hits: THREE.Intersection[]) => hits.filter((h) => !inHiddenLayer(h.object));

/** The scene, for the test hook's scene-graph reads. */
export const layerScene: { scene?: THREE.Scene } = {};

/**
 * Installs the pointer-event filter that drops hits on hidden layers: three's ray casts test every
 * object whether drawn or not, so without it a hidden drop point could still be clicked or hovered.
 */
export function LayerEvents() {
  const set = useThree((s) => s.set);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    layerScene.scene = scene;
    set((state) => ({ events: { ...state.events, filter: dropHiddenHits } }));
    return () => {
      if (layerScene.scene === scene) layerScene.scene = undefined;
    };
  }, [set, scene]);
  return null;
}

/** An object by name, with whether it is drawn (it and all its parents visible) and its instance count. */
export function describeSceneObject(name: string): { found: boolean; visible: boolean; count: number | null } {
  const object = layerScene.scene?.getObjectByName(name);
  if (!object) return { found: false, visible: false, count: null };
  let visible = true;
  for (let o: THREE.Object3D | null = object; o; o = o.parent) if (!o.visible) visible = false;
  const count = (object as THREE.InstancedMesh).isInstancedMesh ? (object as THREE.InstancedMesh).count : null;
  return { found: true, visible, count };
}
