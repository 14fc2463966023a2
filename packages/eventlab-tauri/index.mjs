// The ESM entry: the same functions as index.cjs (one implementation, one set of pages).
import eventlab from './index.cjs'

export const { connect, startEventLab } = eventlab
