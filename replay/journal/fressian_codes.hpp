// Fressian's byte codes, as named in the reference implementation (org.fressian.impl.Codes).
// Ranges: 0x00-0x3F are the ints 0..63 and 0xFF is -1; 0x40-0x7F are packed ints whose low
// code bits are the value's high part; 0x80-0x9F get priority-cache slots 0-31; 0xA0-0xAF
// refer to struct types 0-15; 0xD0-0xD7, 0xDA-0xE1 and 0xE4-0xEB carry a length 0-7 in the code.
#pragma once

namespace rumor::replay::journal::code {

constexpr int kPriorityCachePackedStart = 0x80;
constexpr int kPriorityCachePackedEnd = 0xA0;
constexpr int kStructCachePackedStart = 0xA0;
constexpr int kStructCachePackedEnd = 0xB0;
constexpr int kLongArray = 0xB0;
constexpr int kObjectArray = 0xB5;
constexpr int kMap = 0xC0;
constexpr int kSet = 0xC1;
constexpr int kBigint = 0xC6;
constexpr int kInst = 0xC8;
constexpr int kSym = 0xC9;
constexpr int kKey = 0xCA;
constexpr int kGetPriorityCache = 0xCC;
constexpr int kPutPriorityCache = 0xCD;
constexpr int kFooter = 0xCF;
constexpr int kBytesPackedStart = 0xD0;
constexpr int kBytesChunk = 0xD8;
constexpr int kBytes = 0xD9;
constexpr int kStringPackedStart = 0xDA;
constexpr int kStringChunk = 0xE2;
constexpr int kString = 0xE3;
constexpr int kListPackedStart = 0xE4;
constexpr int kList = 0xEC;
constexpr int kBeginClosedList = 0xED;
constexpr int kBeginOpenList = 0xEE;
constexpr int kStructType = 0xEF;
constexpr int kStruct = 0xF0;
constexpr int kTrue = 0xF5;
constexpr int kFalse = 0xF6;
constexpr int kNull = 0xF7;
constexpr int kInt = 0xF8;
constexpr int kFloat = 0xF9;
constexpr int kDouble = 0xFA;
constexpr int kDouble0 = 0xFB;
constexpr int kDouble1 = 0xFC;
constexpr int kEndCollection = 0xFD;
constexpr int kResetCaches = 0xFE;
constexpr int kMinusOne = 0xFF;

}  // namespace rumor::replay::journal::code
