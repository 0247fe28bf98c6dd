/**
 * What a Signature's SignedInfo signs, with the wrapping defenses: only References that are
 * children of the one SignedInfo count; each must resolve, by a same-document "#Id", to exactly one
 * element that is a signed object of this Signature (an Object child of the root, or XAdES
 * SignedProperties inside one) and match its digest; and there must be exactly one package Object,
 * the one SignedInfo references.
 */
import { REFERENCE_TYPES } from './algorithms';
import { bytesEqual } from './bytes';
import { digest } from './crypto';
import { SignatureProblem } from './errors';
import type { Findings } from './findings';
import { digestMethodOf, digestValueOf } from './manifest';
import { applyTransforms } from './transforms';
import {
  childrenNamed,
  descendants,
  ELEMENT_NODE,
  firstChildNamed,
  isNamed,
  isXadesNamespace,
  NS,
  type XmlElement,
  type XmlNode,
} from './xml';

export interface SignedTargets {
  packageObject: XmlElement | null;
  signedProperties: XmlElement | null;
}

/** Checks every Reference child of SignedInfo (and only those) and returns what they sign. */
export async function checkSignedInfoReferences(
  root: XmlElement,
  signedInfo: XmlElement,
  ids: Map<string, XmlElement>,
  f: Findings,
): Promise<SignedTargets> {
  const targets: SignedTargets = { packageObject: null, signedProperties: null };
  for (const ref of childrenNamed(signedInfo, NS.dsig, 'Reference')) {
    try {
      const target = resolveSameDocument(ref, root, ids);
      await checkReferenceDigest(ref, target, f);
      if (target.localName === 'SignedProperties') targets.signedProperties = target;
      else if (isPackageObject(target)) targets.packageObject = target;
    } catch (error) {
      if (!(error instanceof SignatureProblem)) throw error;
      f.fail(error.reason);
    }
  }
  return targets;
}

function resolveSameDocument(ref: XmlElement, root: XmlElement, ids: Map<string, XmlElement>): XmlElement {
  const uri = ref.getAttribute('URI') ?? '';
  if (!uri.startsWith('#') || uri.length < 2)
    throw new SignatureProblem(`Tham chiếu "${uri}" trong SignedInfo không phải tham chiếu nội bộ "#Id" được hỗ trợ`);
  const target = ids.get(uri.slice(1));
  if (!target)
    throw new SignatureProblem(`Tham chiếu ${uri} không trỏ tới phần tử nào trong chữ ký (Id không tồn tại)`);
  const type = ref.getAttribute('Type');
  const kind = signedObjectKind(target, root);
  if (!kind)
    throw new SignatureProblem(
      `Tham chiếu ${uri} trỏ tới phần tử <${target.nodeName}> không phải đối tượng được ký của chữ ký này (reference to a non-signable element)`,
    );
  if (
    (type === REFERENCE_TYPES.object && kind !== 'object') ||
    (type === REFERENCE_TYPES.signedProperties && kind !== 'signedProperties')
  )
    throw new SignatureProblem(`Tham chiếu ${uri} khai báo Type ${type} nhưng trỏ tới <${target.nodeName}>`);
  if (kind === 'signedProperties') checkQualifyingTarget(target, root);
  return target;
}

function signedObjectKind(el: XmlElement, root: XmlElement): 'object' | 'signedProperties' | null {
  const isRootObject = (e: XmlNode | null) =>
    !!e && e.nodeType === ELEMENT_NODE && isNamed(e as XmlElement, NS.dsig, 'Object') && e.parentNode === root;
  if (isRootObject(el)) return 'object';
  const qualifying = el.parentNode as XmlElement | null;
  if (
    el.localName === 'SignedProperties' &&
    isXadesNamespace(el.namespaceURI) &&
    qualifying?.localName === 'QualifyingProperties' &&
    isXadesNamespace(qualifying.namespaceURI) &&
    isRootObject(qualifying.parentNode)
  )
    return 'signedProperties';
  return null;
}

/** XAdES QualifyingProperties/@Target names the Signature it qualifies; properties moved from another signature do not count. */
function checkQualifyingTarget(signedProperties: XmlElement, root: XmlElement): void {
  const target = (signedProperties.parentNode as XmlElement).getAttribute('Target');
  const id = root.getAttribute('Id');
  if (id && target !== `#${id}`)
    throw new SignatureProblem(`QualifyingProperties (XAdES) trỏ tới "${target}", không phải chữ ký #${id}`);
}

async function checkReferenceDigest(ref: XmlElement, target: XmlElement, f: Findings): Promise<void> {
  const label = ref.getAttribute('URI') as string;
  const hash = digestMethodOf(ref, label);
  if (hash === 'SHA-1') f.sha1 = true;
  const transforms = childrenNamed(firstChildNamed(ref, NS.dsig, 'Transforms') ?? ref, NS.dsig, 'Transform');
  const octets = applyTransforms({ kind: 'element', el: target }, transforms, { label, relationshipsPart: false });
  if (!bytesEqual(digestValueOf(ref, label), await digest(hash, octets)))
    throw new SignatureProblem(`Đối tượng ${label} đã bị sửa sau khi ký (digest không khớp)`);
}

export const isPackageObject = (o: XmlElement) =>
  o.getAttribute('Id') === 'idPackageObject' || !!firstChildNamed(o, NS.dsig, 'Manifest');

/** Exactly one package Object, and it must be one that SignedInfo references and whose digest verified. */
export function checkPackageObject(root: XmlElement, targets: SignedTargets, f: Findings): XmlElement | null {
  const candidates = childrenNamed(root, NS.dsig, 'Object').filter(isPackageObject);
  const nested = descendants(root).filter(
    (e) => isNamed(e, NS.dsig, 'Manifest') && !candidates.includes(e.parentNode as XmlElement),
  );
  if (candidates.length !== 1 || nested.length) {
    f.fail(
      `Chữ ký phải có đúng một Object của gói (idPackageObject) chứa Manifest, nhưng có ${candidates.length + nested.length} (signature wrapping?)`,
    );
    return null;
  }
  if (targets.packageObject !== candidates[0]) {
    if (!f.failures.some((r) => r.includes(`#${candidates[0].getAttribute('Id')}`)))
      f.fail(
        'Object của gói (idPackageObject) không được SignedInfo tham chiếu, nên các phần trong Manifest không được ký',
      );
    return null;
  }
  return candidates[0];
}
